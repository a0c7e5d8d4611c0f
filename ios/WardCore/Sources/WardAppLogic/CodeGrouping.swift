/// How a code is shown: split into groups that are easy to read aloud and to
/// type, the way other authenticators show them.
public enum CodeGrouping {
    /// "123456" -> "123 456", "12345678" -> "1234 5678",
    /// "123456789" -> "123 456 789", "1234567" -> "123 4567",
    /// "1234567890" -> "12345 67890". Five characters or fewer (Steam)
    /// stay as they are.
    public static func grouped(_ code: String) -> String {
        let characters = Array(code)
        let count = characters.count
        if count <= 5 {
            return code
        }
        let sizes: [Int]
        if count % 3 == 0 {
            sizes = Array(repeating: 3, count: count / 3)
        } else if count % 4 == 0 {
            sizes = Array(repeating: 4, count: count / 4)
        } else {
            sizes = [count / 2, count - count / 2]
        }
        var groups: [String] = []
        var start = 0
        for size in sizes {
            groups.append(String(characters[start..<(start + size)]))
            start += size
        }
        return groups.joined(separator: " ")
    }
}
