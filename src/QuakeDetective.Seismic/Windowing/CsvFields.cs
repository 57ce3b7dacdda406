using System.Text;

namespace QuakeDetective.Seismic.Windowing;

/// <summary>Splits one CSV line (RFC 4180 quoting: "a, b" and doubled quotes) into trimmed fields.</summary>
internal static class CsvFields
{
    public static bool TrySplit(string line, char delimiter, out List<string> fields, out string? error)
    {
        fields = [];
        error = null;
        var current = new StringBuilder();
        var quoted = false;
        var wasQuoted = false;
        for (var i = 0; i < line.Length; i++)
        {
            var ch = line[i];
            if (quoted)
            {
                if (ch == '"')
                {
                    if (i + 1 < line.Length && line[i + 1] == '"')
                    {
                        current.Append('"');
                        i++;
                    }
                    else
                    {
                        quoted = false;
                    }
                }
                else
                {
                    current.Append(ch);
                }
            }
            else if (ch == '"' && current.ToString().Trim().Length == 0 && !wasQuoted)
            {
                current.Clear();
                quoted = true;
                wasQuoted = true;
            }
            else if (wasQuoted && char.IsWhiteSpace(ch))
            {
                // Spaces after a closing quote are not part of the field.
            }
            else if (ch == delimiter)
            {
                fields.Add(wasQuoted ? current.ToString() : current.ToString().Trim());
                current.Clear();
                wasQuoted = false;
            }
            else
            {
                current.Append(ch);
            }
        }

        if (quoted)
        {
            error = "a quoted field is not closed (fields spanning lines are not supported)";
            return false;
        }

        fields.Add(wasQuoted ? current.ToString() : current.ToString().Trim());
        return true;
    }

    /// <summary>Lower-case header name without spaces, underscores, dashes, units in brackets or a byte-order mark.</summary>
    public static string NormaliseHeader(string name)
    {
        var text = name.Trim().TrimStart('\uFEFF', '#').ToLowerInvariant();
        var bracket = text.IndexOfAny(['(', '[']);
        if (bracket > 0)
        {
            text = text[..bracket];
        }

        return new string(text.Where(char.IsLetterOrDigit).ToArray());
    }

    /// <summary>Lines of a reader with their 1-based numbers, skipping blank lines.</summary>
    public static IEnumerable<(int Number, string Text)> Lines(TextReader reader)
    {
        var number = 0;
        while (reader.ReadLine() is { } line)
        {
            number++;
            if (line.Trim().Length > 0)
            {
                yield return (number, line);
            }
        }
    }
}
