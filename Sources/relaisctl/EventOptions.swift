import ArgumentParser
import Relais

/// The options `event add` and `event update` share.
struct EventOptions: ParsableArguments {
    @Option(name: .customLong("title"), help: ArgumentHelp("The title in one locale, e.g. fr=Petit-déjeuner (repeatable).", valueName: "locale=text"))
    var titles: [String] = []
    @Option(help: ArgumentHelp("The (first) start, local time: YYYY-MM-DDTHH:MM.", valueName: "local")) var start: String?
    @Option(name: .customLong("tz"), help: ArgumentHelp("IANA time zone, e.g. Europe/Brussels (event add: default schedule.timezone).", valueName: "zone")) var timeZone: String?
    @Option(help: ArgumentHelp("RFC 5545 recurrence rule, e.g. FREQ=MONTHLY;BYDAY=1TU.", valueName: "rrule")) var rule: String?
    @Option(help: ArgumentHelp("How long it lasts: 90m, 2h, 1h30m (default 2h).", valueName: "duration")) var duration: String?
    @Option(name: .customLong("list"), help: ArgumentHelp("A list whose members are reminded (repeatable).", valueName: "list")) var lists: [String] = []
    @Option(name: .customLong("remind"), help: ArgumentHelp("A reminder offset: 7d, 1w, 2h, 30m (repeatable).", valueName: "offset"))
    var reminders: [String] = []
    @Option(help: ArgumentHelp("The reminder template (default meetup-reminder).", valueName: "kind")) var template: String?
    @Option(help: ArgumentHelp("Where it takes place.", valueName: "text")) var location: String?
    @Option(help: ArgumentHelp("An http(s) link for details or registration.", valueName: "url")) var url: String?
    @Option(name: .customLong("description"), help: ArgumentHelp("A description in one locale (repeatable).", valueName: "locale=text"))
    var descriptions: [String] = []

    /// What was given, for ``EventCatalog``.
    var changes: EventChanges {
        var changes = EventChanges()
        changes.titles = titles
        changes.descriptions = descriptions
        changes.start = start
        changes.timeZone = timeZone
        changes.rule = rule
        changes.duration = duration
        changes.lists = lists.isEmpty ? nil : lists
        changes.reminders = reminders.isEmpty ? nil : reminders
        changes.template = template
        changes.location = location
        changes.url = url
        return changes
    }
}
