namespace QuakeDetective.Storage;

/// <summary>
/// Rules for blob keys: relative, '/'-separated paths such as <c>waveforms/c12/ab/ab12.mseed</c>. Each segment is
/// letters, digits, '.', '-' or '_', does not start with '.' (names starting with '.' are the stores' temporary
/// files), and the key is at most <see cref="MaxLength"/> characters. So no key can name anything outside a
/// store's root: no "..", no absolute paths, no drive letters, no backslashes. The same keys work as object names in
/// S3-compatible stores.
/// </summary>
public static class BlobKey
{
    public const int MaxLength = 512;

    /// <summary>The key unchanged when it is valid; otherwise an <see cref="ArgumentException"/> that says why.</summary>
    public static string Validate(string key, string? paramName = "key")
    {
        var problem = Problem(key, allowEmpty: false, allowTrailingSlash: false);
        return problem is null ? key : throw new ArgumentException($"Blob key '{Printable(key)}' is not allowed: {problem}", paramName);
    }

    /// <summary>A prefix for listing: empty (everything), a key, or keys' leading segments ending in '/'.</summary>
    public static string ValidatePrefix(string prefix, string? paramName = "prefix")
    {
        var problem = Problem(prefix, allowEmpty: true, allowTrailingSlash: true);
        return problem is null ? prefix : throw new ArgumentException($"Blob key prefix '{Printable(prefix)}' is not allowed: {problem}", paramName);
    }

    /// <summary>True when <paramref name="key"/> is a valid key.</summary>
    public static bool IsValid(string? key) => key is not null && Problem(key, allowEmpty: false, allowTrailingSlash: false) is null;

    /// <summary>Joins valid segments or sub-paths with '/', e.g. <c>Combine("media", "ab", "ab12.png")</c>, and validates the result.</summary>
    public static string Combine(params ReadOnlySpan<string> parts)
    {
        var joined = string.Join('/', parts.ToArray().Where(p => p.Length > 0));
        return Validate(joined, "parts");
    }

    private static string? Problem(string? key, bool allowEmpty, bool allowTrailingSlash)
    {
        if (key is null)
        {
            return "it is null.";
        }

        if (key.Length == 0)
        {
            return allowEmpty ? null : "it is empty.";
        }

        if (key.Length > MaxLength)
        {
            return $"it is longer than {MaxLength} characters.";
        }

        if (key[0] == '/' || key[0] == '\\' || (key.Length > 1 && key[1] == ':'))
        {
            return "it is an absolute path; keys are relative, e.g. 'media/ab/ab12.png'.";
        }

        var body = allowTrailingSlash && key.EndsWith('/') ? key[..^1] : key;
        foreach (var segment in body.Split('/'))
        {
            if (segment.Length == 0)
            {
                return "it has an empty segment ('//' or a trailing '/').";
            }

            if (segment is "." or "..")
            {
                return "'.' and '..' segments are not allowed; a key cannot point outside the store.";
            }

            if (segment[0] == '.')
            {
                return $"segment '{segment}' starts with '.', which is reserved for the store's temporary files.";
            }

            foreach (var c in segment)
            {
                if (!char.IsAsciiLetterOrDigit(c) && c is not ('.' or '-' or '_'))
                {
                    return c == '\\'
                        ? "it contains '\\'; separate segments with '/'."
                        : $"character U+{(int)c:X4} is not allowed; use letters, digits, '.', '-', '_' and '/'.";
                }
            }
        }

        return null;
    }

    private static string Printable(string? key) =>
        key is null ? "(null)" : new string(key.Take(100).Select(c => char.IsControl(c) ? '?' : c).ToArray()) + (key.Length > 100 ? "…" : "");
}
