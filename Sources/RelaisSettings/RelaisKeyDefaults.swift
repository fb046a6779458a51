/// Defaults from ``SettingKey/all``, as raw strings.
enum RelaisKeyDefaults {
    static func value(_ key: String) -> String? {
        guard let value = SettingKey.named(key)?.defaultValue, !value.hasPrefix("[") else { return nil }
        return value
    }
}
