/// Everything relaisctl's commands need of a store, on SQLite and on PostgreSQL alike: members,
/// suppression, exports, lists, announcements, events and their notices, the operator's queue
/// actions, what `status` reads besides the daemons' store, and the bounce intake's records.
public protocol OperatorStore:
    MemberStore, SuppressionStore, MemberExportStore, ListStore, AnnouncementStore, EventStore, QueueAdminStore, StatusStore,
    InboundStore
{}
