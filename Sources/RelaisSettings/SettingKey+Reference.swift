import RelaisSupport
import Foundation

extension SettingKey {
    /// relais.yaml(5) in roff (man(7) macros), written from ``all`` so the page cannot drift
    /// from what `config check` knows. `date` is the page's date, `YYYY-MM-DD`.
    public static func manualPage(date: String, version: String) -> String {
        var page = """
            .TH RELAIS.YAML 5 "\(date)" "Relais \(version)" "File Formats"
            .SH NAME
            relais.yaml \\- configuration of relaisd(8) and relaisctl(1)
            .SH SYNOPSIS
            .I /etc/relais/relais.yaml
            .SH DESCRIPTION
            relaisd and relaisctl read YAML from \\fB\\-\\-config\\fR \\fIpath\\fR, else \\fB$RELAIS_CONFIG\\fR, else
            .IR /etc/relais/relais.yaml .
            Keys are dotted paths of nested mappings: \\fBdelivery.smtp.url\\fR is \\fIurl\\fR under \\fIsmtp\\fR under \\fIdelivery\\fR.
            Relative paths are relative to the configuration file. Durations are written
            \\fB90s\\fR, \\fB5m\\fR, \\fB4h\\fR, \\fB5d\\fR or \\fB2w\\fR.
            Every key can be overridden by an environment variable, named below.
            An unknown key is an error.
            .PP
            The SMTP password is never in this file: it is read from \\fBdelivery.smtp.password_file\\fR,
            or from the systemd credential \\fIsmtp-password\\fR (\\fB$CREDENTIALS_DIRECTORY/smtp-password\\fR).
            .PP
            \\fBrelaisctl config check\\fR refuses what relaisd and relaisctl would refuse when they run,
            one line per problem naming the key, the value and what is expected, and exits 78.
            .SH KEYS

            """
        for key in all {
            page += ".TP\n.B \(roff(key.name))\n"
            page += roff(key.meaning.replacingOccurrences(of: "`", with: "")) + "\n"
            page += ".br\nDefault: " + (key.defaultValue.map { "\\fB\(roff($0))\\fR" } ?? "none") + ". Environment: \\fB\(key.environmentVariable)\\fR.\n"
        }
        page += """
            .SH FILES
            .TP
            .I /etc/relais/relais.yaml
            the configuration
            .TP
            .I /var/lib/relais/relais.sqlite
            the database (store.path), marked with PRAGMA application_id 0x52454C53
            .SH SEE ALSO
            .BR relaisctl (1),
            .BR relaisd (8)

            """
        return page
    }

    /// The configuration table of README.md, one row per key of ``all``.
    public static var markdownTable: String {
        var table = "| key | default | meaning | environment |\n| --- | --- | --- | --- |\n"
        for key in all {
            let value = key.defaultValue.map { "`\($0)`" } ?? "—"
            table += "| `\(key.name)` | \(value) | \(key.meaning) | `\(key.environmentVariable)` |\n"
        }
        return table
    }

    /// Escapes text for roff: backslashes, and a leading dot or quote that would read as a request.
    static func roff(_ text: String) -> String {
        var escaped = text.replacingOccurrences(of: "\\", with: "\\e").replacingOccurrences(of: "-", with: "\\-")
        if escaped.hasPrefix(".") || escaped.hasPrefix("'") { escaped = "\\&" + escaped }
        return escaped
    }
}
