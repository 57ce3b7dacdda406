using System.Globalization;

namespace QuakeDetective.Core.Consensus.Csv;

/// <summary>
/// Writes RFC 4180 CSV safely for spreadsheets: text that a spreadsheet would run as a formula (starting
/// with = + - @, tab or carriage return) gets a leading apostrophe; fields with a comma, quote, line break
/// or edge whitespace are quoted with quotes doubled. Numbers are written in the invariant culture and
/// never escaped. Records end with "\n".
/// </summary>
public sealed class CsvWriter(TextWriter writer)
{
    private readonly TextWriter _writer = writer ?? throw new ArgumentNullException(nameof(writer));
    private bool _atRecordStart = true;

    /// <summary>A text field, formula-escaped and quoted as needed.</summary>
    public CsvWriter Text(string? value)
    {
        Separator();
        _writer.Write(EscapeText(value));
        return this;
    }

    /// <summary>A number, invariant culture; <paramref name="format"/> defaults to at most six decimals.</summary>
    public CsvWriter Number(double value, string format = "0.######")
    {
        Separator();
        _writer.Write(value.ToString(format, CultureInfo.InvariantCulture));
        return this;
    }

    public CsvWriter Integer(long value)
    {
        Separator();
        _writer.Write(value.ToString(CultureInfo.InvariantCulture));
        return this;
    }

    public void EndRecord()
    {
        _writer.Write('\n');
        _atRecordStart = true;
    }

    /// <summary>Writes a whole record of text fields.</summary>
    public void Record(params ReadOnlySpan<string?> fields)
    {
        foreach (var field in fields)
        {
            Text(field);
        }

        EndRecord();
    }

    /// <summary>Formula escaping then quoting, as one text field should appear in the file.</summary>
    public static string EscapeText(string? value)
    {
        if (string.IsNullOrEmpty(value))
        {
            return "";
        }

        return Quote(NeutraliseFormula(value));
    }

    /// <summary>Prefixes an apostrophe when a spreadsheet would treat the text as a formula.</summary>
    public static string NeutraliseFormula(string value) =>
        value.Length > 0 && value[0] is '=' or '+' or '-' or '@' or '\t' or '\r' ? "'" + value : value;

    /// <summary>Quotes a field (doubling its quotes) when it holds a comma, quote, line break or edge whitespace.</summary>
    public static string Quote(string value)
    {
        var needs = value.Length > 0 && (char.IsWhiteSpace(value[0]) || char.IsWhiteSpace(value[^1]));
        needs |= value.AsSpan().IndexOfAny(",\"\r\n") >= 0;
        return needs ? "\"" + value.Replace("\"", "\"\"", StringComparison.Ordinal) + "\"" : value;
    }

    private void Separator()
    {
        if (!_atRecordStart)
        {
            _writer.Write(',');
        }

        _atRecordStart = false;
    }
}
