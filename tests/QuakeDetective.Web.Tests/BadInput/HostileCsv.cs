using System.Text;

namespace QuakeDetective.Web.Tests.BadInput;

/// <summary>
/// The catalogue of malformed and hostile CSV files, built for each reader from its own header and a good row:
/// wrong column names and counts, unbalanced and embedded quotes, a 10 MiB field, 100,000 lines, UTF-16 with a
/// byte-order mark, Latin-1 bytes that are not UTF-8, NUL bytes, CR/LF/CRLF mixed, an empty file, a header alone and
/// spreadsheet formulas.
/// </summary>
public static class HostileCsv
{
    public const int HugeFieldBytes = 10 * 1024 * 1024;

    public const int ManyLines = 100_000;

    public static IReadOnlyList<HostileCsvCase> For(CsvTarget target, long goldSubjectId = 0)
    {
        var header = target switch
        {
            CsvTarget.Votes => "subject_id,volunteer_id,label",
            CsvTarget.Gold => "subject_id,label",
            _ => "time,latitude,longitude,depth,magnitude,id",
        };
        string Good(int i) => target switch
        {
            CsvTarget.Votes => $"s{i % 50},v{i},Noise",
            CsvTarget.Gold => $"{goldSubjectId},Noise",
            _ => $"2010-02-27T06:{i / 60 % 60:00}:{i % 60:00}Z,-36.1,-72.9,22.9,8.8,ev{i}",
        };
        byte[] Utf8(params string[] lines) => Encoding.UTF8.GetBytes(string.Join('\n', lines) + "\n");
        var events = target == CsvTarget.Events;
        var votes = target == CsvTarget.Votes;

        var cases = new List<HostileCsvCase>
        {
            new("wrong column names", Utf8("alpha,beta,gamma", "1,2,3"), events ? "the header has no time, latitude, longitude, depth, magnitude column" : "the header lacks columns", 1),
            new("wrong column count", Utf8(header, Good(0), "x", Good(1)), events ? "1 fields where 5 are needed" : "wrong column count: 1 field, the header has", 3, UsableRows: true),
            new("unbalanced quote", Utf8(header, Good(0), "\"" + Good(1), Good(2)), events ? "a quoted field is not closed" : "unterminated quote in field 1", 3, UsableRows: true),
            new("embedded quote", Utf8(header, Good(0), target switch
            {
                CsvTarget.Votes => "s1,v\"1,Noise",
                CsvTarget.Gold => $"{goldSubjectId},No\"ise",
                _ => "2010-02-27T06:34:00Z,-36\"1,-72.9,22.9,8.8,evq",
            }), events ? "latitude '-36\"1' is not a number" : "field 2: a quote inside an unquoted field", 3, UsableRows: true),
            new("10 MiB field", Utf8(header, Good(0), target switch
            {
                CsvTarget.Votes => "s1,v1," + new string('A', HugeFieldBytes),
                CsvTarget.Gold => $"{goldSubjectId}," + new string('A', HugeFieldBytes),
                _ => new string('A', HugeFieldBytes) + ",-36.1,-72.9,22.9,8.8,evh",
            }), events ? $"({HugeFieldBytes} characters)' is not an ISO 8601 time" : "the line is longer than", 3, UsableRows: true),
            new("100,000 lines", Utf8([header, .. Enumerable.Range(0, ManyLines).Select(Good), "x"]), events ? "1 fields where 5 are needed" : "wrong column count", ManyLines + 2, UsableRows: true),
            new("UTF-16 with byte-order mark", [.. Encoding.Unicode.GetPreamble(), .. Encoding.Unicode.GetBytes(string.Join("\r\n", header, Good(0), "x") + "\r\n")],
                events ? "1 fields where 5 are needed" : "wrong column count", 3, UsableRows: true),
            Latin1(header, target switch
            {
                CsvTarget.Votes => "s1,v1,S",
                CsvTarget.Gold => $"{goldSubjectId},S",
                _ => "2010-02-27T06:34:00Z,-36.1,-72.9,22.9,8.8,S",
            }),
            Nul(header, target switch
            {
                CsvTarget.Votes => "s1,v",
                CsvTarget.Gold => $"{goldSubjectId},No",
                _ => "2010-02-27T06:34:00Z,-36.1,-72.9,22.9,8.8,ev",
            }),
            new("CR, LF and CRLF mixed", Encoding.UTF8.GetBytes($"{header}\r\n{Good(0)}\r{Good(1)}\nx\r\n{Good(2)}\n"), events ? "1 fields where 5 are needed" : "wrong column count", 4, UsableRows: true),
            new("empty file", [], events ? "the file has no events" : "the file is empty", 1),
            new("header only", Utf8(header), votes ? "no usable vote rows" : events ? "the file has a header but no events" : "the file has a header but no rows", votes ? null : 2),
            target switch
            {
                CsvTarget.Votes => new("spreadsheet formulas", Utf8(header, "=1+2,v1,\"=HYPERLINK(\"\"http://example.org\"\",\"\"x\"\")\"", "=1+2,v2,@SUM(A1)", "+cmd,v3,-2+3"), "'=1+2", null, Accepted: true),
                CsvTarget.Gold => new("spreadsheet formulas", Utf8(header, $"{goldSubjectId},\"=HYPERLINK(\"\"http://example.org\"\",\"\"x\"\")\""), "label '=HYPERLINK(", 2),
                _ => new("spreadsheet formulas", Utf8(header, "=NOW(),-36.1,-72.9,22.9,8.8,@SUM(A1)"), "origin time '=NOW()' is not an ISO 8601 time", 2),
            },
        };
        return cases;
    }

    private static HostileCsvCase Latin1(string header, string before)
    {
        // "Séisme" saved by an old spreadsheet: é is the single byte 0xE9, which is not UTF-8.
        var prefix = Encoding.ASCII.GetBytes(header + "\n" + before);
        return new HostileCsvCase("Latin-1 bytes (invalid UTF-8)", [.. prefix, 0xE9, .. "isme\n"u8], "byte 0xE9 is not valid UTF-8", 2, prefix.Length);
    }

    private static HostileCsvCase Nul(string header, string before)
    {
        var prefix = Encoding.ASCII.GetBytes(header + "\n" + before);
        return new HostileCsvCase("NUL bytes", [.. prefix, 0, .. "ise\n"u8], "a NUL byte", 2, prefix.Length);
    }
}
