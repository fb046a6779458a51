import RelaisSupport
import DKIM
import Foundation
import Store

extension RelaisConfiguration {
    /// Problems only the file system can reveal: missing folders, unreadable CA or password files.
    ///
    /// The password file is opened to check it is readable; its content is never kept or shown.
    public func environmentProblems() -> [ConfigurationProblem] {
        var problems: [ConfigurationProblem] = []
        let files = FileManager.default
        func isDirectory(_ path: String) -> Bool {
            var directory: ObjCBool = false
            return files.fileExists(atPath: path, isDirectory: &directory) && directory.boolValue
        }
        let storeDirectory = (storePath as NSString).deletingLastPathComponent
        if storeURL != nil {
            // PostgreSQL: store.path is not used; the server is checked by connecting (relaisd, config check).
        } else if !isDirectory(storeDirectory) {
            problems.append(.init(key: "store.path", value: storePath, expected: "a file in an existing directory (\(storeDirectory) does not exist)"))
        } else {
            // The same check RelaisStore makes before it writes anything, read-only here.
            switch DatabaseFileCheck.inspect(path: storePath) {
            case .absent, .relais: break
            case .foreign(let reason): problems.append(.init(key: "store.path", value: storePath, expected: "a Relais database file (\(reason))"))
            case .noPermission(let reason): problems.append(.init(key: "store.path", value: storePath, expected: "a file this user can read and write (\(reason))"))
            }
        }
        if !isDirectory(templatesDirectory) {
            problems.append(.init(key: "templates.directory", value: templatesDirectory, expected: "an existing directory of templates"))
        }
        switch delivery.transport {
        case .file:
            if !isDirectory(delivery.fileDirectory) {
                problems.append(.init(key: "delivery.file.directory", value: delivery.fileDirectory, expected: "an existing directory"))
            } else if !files.isWritableFile(atPath: delivery.fileDirectory) {
                problems.append(.init(key: "delivery.file.directory", value: delivery.fileDirectory, expected: "a directory this user can write"))
            }
        case .smtp:
            let smtp = delivery.smtp
            if let caFile = smtp.caFile, !files.isReadableFile(atPath: caFile) {
                problems.append(.init(key: "delivery.smtp.ca_file", value: caFile, expected: "a readable PEM file"))
            }
            if smtp.username != nil {
                if let source = smtp.passwordSource {
                    let key = smtp.passwordFile != nil ? "delivery.smtp.password_file" : "CREDENTIALS_DIRECTORY"
                    if !files.isReadableFile(atPath: source) {
                        problems.append(.init(key: key, value: source, expected: "a readable file holding the SMTP password"))
                    } else if (try? smtp.readPassword()) == nil {
                        problems.append(.init(key: key, value: source, expected: "a file holding the SMTP password (it is empty)"))
                    }
                } else {
                    problems.append(.init(
                        key: "delivery.smtp.password_file", value: nil,
                        expected: "a password file, or the systemd credential smtp-password, since delivery.smtp.username is set"))
                }
            }
        }
        problems += dkimKeyProblems()
        problems += bounceProblems()
        return problems
    }

    /// The bounce mailbox's CA and password files, when intake is on (the password is read, never kept).
    func bounceProblems() -> [ConfigurationProblem] {
        guard bounces.isEnabled else { return [] }
        var problems: [ConfigurationProblem] = []
        if let caFile = bounces.caFile, !FileManager.default.isReadableFile(atPath: caFile) {
            problems.append(.init(key: "bounces.imap.ca_file", value: caFile, expected: "a readable PEM file"))
        }
        do { _ = try bounces.readPassword() } catch { problems.append(error) }
        return problems
    }

    /// Each DKIM key that cannot be read, does not parse, or is an RSA key under 1024 bits.
    func dkimKeyProblems() -> [ConfigurationProblem] {
        guard let dkim = sender.dkim else { return [] }
        var problems: [ConfigurationProblem] = []
        for (source, expected) in [(dkim.primary, DKIMAlgorithm?.none), (dkim.ed25519, .ed25519)] {
            guard let source, case .failure(let problem) = DKIMSettings.load(source, expected: expected) else { continue }
            problems.append(problem)
        }
        return problems
    }

    /// DKIM keys that work but should not stay so: RSA under 2048 bits, a file other users can read.
    func dkimKeyWarnings() -> [ConfigurationProblem] {
        guard let dkim = sender.dkim else { return [] }
        var warnings: [ConfigurationProblem] = []
        for source in [dkim.primary, dkim.ed25519].compactMap({ $0 }) {
            if case .success(let key) = DKIMSettings.load(source, expected: nil), let bits = key.rsaBits, bits < DKIMKey.recommendedRSABits {
                warnings.append(.init(
                    key: source.key, value: source.file,
                    expected: "an RSA key of at least \(DKIMKey.recommendedRSABits) bits (this one has \(bits); some receivers ignore it)"))
            }
            if let mode = (try? FileManager.default.attributesOfItem(atPath: source.file))?[.posixPermissions] as? Int, mode & 0o004 != 0 {
                warnings.append(.init(
                    key: source.key, value: source.file, expected: String(format: "a file other users cannot read (mode %04o; chmod 0600)", mode)))
            }
        }
        return warnings
    }

    /// What works but should not stay so: a password file readable by every user, a weak or
    /// exposed DKIM key, an unsubscribe link nothing in Relais answers.
    public func environmentWarnings() -> [ConfigurationProblem] {
        smtpWarnings() + dkimKeyWarnings() + bounceWarnings() + unsubscribeWarnings()
    }

    /// `sender.unsubscribe_url` without `web.base_url`: messages then link to a page outside
    /// relaisd, and claim one-click (RFC 8058) for it, but Relais gives such a page no way to act
    /// on `{token}`. The web endpoint's links (`/u/<id>-<token>`) replace it once `web.base_url` is set.
    func unsubscribeWarnings() -> [ConfigurationProblem] {
        guard let url = sender.unsubscribeURL, web.baseURL == nil else { return [] }
        return [.init(
            key: "sender.unsubscribe_url", value: url,
            expected: "web.base_url instead (relaisd's web endpoint, web.listen): no page outside relaisd can unsubscribe a member by {token}, so this link and its one-click POST change nothing")]
    }

    /// The IMAP password file, when every user can read it.
    func bounceWarnings() -> [ConfigurationProblem] {
        guard bounces.isEnabled, let file = bounces.passwordFile,
              let mode = (try? FileManager.default.attributesOfItem(atPath: file))?[.posixPermissions] as? Int,
              mode & 0o004 != 0
        else { return [] }
        return [.init(
            key: "bounces.imap.password_file", value: file,
            expected: String(format: "a file other users cannot read (mode %04o; chmod 0640 and chgrp relais)", mode))]
    }

    func smtpWarnings() -> [ConfigurationProblem] {
        guard delivery.transport == .smtp, delivery.smtp.username != nil, let file = delivery.smtp.passwordFile,
              let mode = (try? FileManager.default.attributesOfItem(atPath: file))?[.posixPermissions] as? Int,
              mode & 0o004 != 0
        else { return [] }
        return [.init(
            key: "delivery.smtp.password_file", value: file,
            expected: String(format: "a file other users cannot read (mode %04o; chmod 0640 and chgrp relais)", mode))]
    }
}
