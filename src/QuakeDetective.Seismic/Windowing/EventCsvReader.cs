using System.Globalization;

namespace QuakeDetective.Seismic.Windowing;

/// <summary>
/// Reads an events CSV: origin time, latitude, longitude, depth (km) and magnitude, with an optional id column. A
/// header names the columns (time/origin_time, latitude/lat, longitude/lon, depth, magnitude/mag, id/event_id), so a
/// USGS or FDSN catalogue export can be used as it is; without a header the columns are taken in that order. Times
/// are ISO 8601, UTC unless they say otherwise. Lines starting with # are comments. Every bad line is reported with
/// its number.
/// </summary>
public static class EventCsvReader
{
    private static readonly string[] TimeNames = ["time", "origintime", "origin", "datetime", "timeutc"];
    private static readonly string[] LatitudeNames = ["latitude", "lat", "evla"];
    private static readonly string[] LongitudeNames = ["longitude", "lon", "lng", "long", "evlo"];
    private static readonly string[] DepthNames = ["depth", "depthkm", "evdp"];
    private static readonly string[] MagnitudeNames = ["magnitude", "mag", "m"];
    private static readonly string[] IdNames = ["id", "eventid", "event", "publicid"];

    /// <summary>Reads a file as UTF-8 (or UTF-16/32 with a byte-order mark); bytes that are not valid text stop it with their offset.</summary>
    public static CsvReadResult<SeismicEvent> ReadFile(string path)
    {
        using var reader = StrictTextReader.OpenFile(path);
        return Read(reader, Path.GetFileName(path));
    }

    public static CsvReadResult<SeismicEvent> Read(TextReader reader, string sourceName)
    {
        ArgumentNullException.ThrowIfNull(reader);
        var events = new List<SeismicEvent>();
        var errors = new List<CsvLineError>();
        try
        {
            ReadLines(reader, sourceName, events, errors);
        }
        catch (TextEncodingException ex)
        {
            // Nothing after a bad byte can be trusted, nor the events before it as a set: the file must be fixed.
            errors.Add(new CsvLineError(sourceName, ex.Line ?? 0, ex.Message));
        }

        return new CsvReadResult<SeismicEvent>(events, errors);
    }

    private static void ReadLines(TextReader reader, string sourceName, List<SeismicEvent> events, List<CsvLineError> errors)
    {
        Columns? columns = null;
        var ids = new HashSet<string>(StringComparer.Ordinal);
        foreach (var (number, text) in CsvFields.Lines(reader))
        {
            // A reader that replaced bad bytes (U+FFFD) or read UTF-16 as UTF-8 (NULs) has already lost the text.
            var bad = text.AsSpan().IndexOfAny('\0', '\uFFFD');
            if (bad >= 0)
            {
                errors.Add(new CsvLineError(sourceName, number, text[bad] == '\0'
                    ? $"column {bad + 1}: a NUL character; a CSV file holds none (UTF-16 without a byte-order mark, or not text?); save it as UTF-8"
                    : $"column {bad + 1}: U+FFFD, the mark of bytes that were not valid UTF-8 when the file was read; save it as UTF-8"));
                return;
            }

            if (columns is null)
            {
                var delimiterGuess = text.Contains('|', StringComparison.Ordinal) && !text.Contains(',', StringComparison.Ordinal) ? '|' : ',';
                if (!CsvFields.TrySplit(text, delimiterGuess, out var first, out var splitError))
                {
                    errors.Add(new CsvLineError(sourceName, number, splitError!));
                    return;
                }

                if (first.Count > 0 && TryParseTime(first[0], out _))
                {
                    columns = new Columns(delimiterGuess, 0, 1, 2, 3, 4, first.Count > 5 ? 5 : -1);
                }
                else if (text.TrimStart().StartsWith('#') && !text.Contains('|', StringComparison.Ordinal))
                {
                    continue;
                }
                else
                {
                    columns = FromHeader(first, delimiterGuess, sourceName, number, errors);
                    if (columns is null)
                    {
                        return;
                    }

                    continue;
                }
            }

            if (text.TrimStart().StartsWith('#'))
            {
                continue;
            }

            if (!CsvFields.TrySplit(text, columns.Delimiter, out var fields, out var error))
            {
                errors.Add(new CsvLineError(sourceName, number, error!));
                continue;
            }

            if (ParseRow(fields, columns, sourceName, number, errors) is { } e)
            {
                if (!ids.Add(e.Id))
                {
                    errors.Add(new CsvLineError(sourceName, number, $"event id '{e.Id}' appears twice; each event needs its own id"));
                    continue;
                }

                events.Add(e);
            }
        }

        if (columns is null && errors.Count == 0)
        {
            errors.Add(new CsvLineError(sourceName, 1, "the file has no events; expected lines of time,latitude,longitude,depth,magnitude[,id]"));
        }
        else if (events.Count == 0 && errors.Count == 0)
        {
            errors.Add(new CsvLineError(sourceName, 2, "the file has a header but no events; add a line per event below it"));
        }
    }

    /// <summary>A value quoted in a message, cut short so that a huge field cannot swamp the message.</summary>
    private static string Shorten(string text) => text.Length <= 60 ? text : string.Concat(text.AsSpan(0, 60), $"… ({text.Length} characters)");

    private static Columns? FromHeader(List<string> header, char delimiter, string sourceName, int line, List<CsvLineError> errors)
    {
        var names = header.Select(CsvFields.NormaliseHeader).ToList();
        int Find(string[] candidates) => names.FindIndex(n => candidates.Contains(n));
        var time = Find(TimeNames);
        var latitude = Find(LatitudeNames);
        var longitude = Find(LongitudeNames);
        var depth = Find(DepthNames);
        var magnitude = Find(MagnitudeNames);
        var id = Find(IdNames);
        var missing = new List<string>();
        if (time < 0)
        {
            missing.Add("time");
        }

        if (latitude < 0)
        {
            missing.Add("latitude");
        }

        if (longitude < 0)
        {
            missing.Add("longitude");
        }

        if (depth < 0)
        {
            missing.Add("depth");
        }

        if (magnitude < 0)
        {
            missing.Add("magnitude");
        }

        if (missing.Count > 0)
        {
            errors.Add(new CsvLineError(sourceName, line,
                $"the header has no {string.Join(", ", missing)} column; expected a header such as time,latitude,longitude,depth,magnitude,id " +
                $"(found: {Shorten(string.Join(", ", header))})"));
            return null;
        }

        return new Columns(delimiter, time, latitude, longitude, depth, magnitude, id);
    }

    private static SeismicEvent? ParseRow(List<string> fields, Columns c, string sourceName, int line, List<CsvLineError> errors)
    {
        var needed = new[] { c.Time, c.Latitude, c.Longitude, c.Depth, c.Magnitude }.Max() + 1;
        if (fields.Count < needed)
        {
            errors.Add(new CsvLineError(sourceName, line, $"{fields.Count} fields where {needed} are needed (time, latitude, longitude, depth, magnitude)"));
            return null;
        }

        var problems = new List<string>();
        if (!TryParseTime(fields[c.Time], out var origin))
        {
            problems.Add($"origin time '{Shorten(fields[c.Time])}' is not an ISO 8601 time such as 2010-02-27T06:34:11.5Z");
        }

        var latitude = Number(fields[c.Latitude], "latitude", -90, 90, required: true, problems);
        var longitude = Number(fields[c.Longitude], "longitude", -180, 360, required: true, problems);
        var depth = Number(fields[c.Depth], "depth", -15, 800, required: false, problems);
        var magnitude = Number(fields[c.Magnitude], "magnitude", -3, 10.5, required: false, problems);
        if (problems.Count > 0)
        {
            errors.Add(new CsvLineError(sourceName, line, string.Join("; ", problems)));
            return null;
        }

        var id = c.Id >= 0 && c.Id < fields.Count && fields[c.Id].Length > 0
            ? fields[c.Id]
            : "ev" + SeismicTime.ToDateTime(origin).ToString("yyyyMMdd'T'HHmmss", CultureInfo.InvariantCulture);
        if (id.Length > 100)
        {
            errors.Add(new CsvLineError(sourceName, line, $"event id '{id[..20]}...' is longer than 100 characters"));
            return null;
        }

        var lon = longitude!.Value > 180 ? longitude.Value - 360 : longitude.Value;
        return new SeismicEvent(id, origin, latitude!.Value, lon, depth, magnitude);
    }

    private static double? Number(string text, string name, double min, double max, bool required, List<string> problems)
    {
        if (text.Length == 0)
        {
            if (required)
            {
                problems.Add($"{name} is empty");
            }

            return null;
        }

        if (!double.TryParse(text, NumberStyles.Float, CultureInfo.InvariantCulture, out var value) || !double.IsFinite(value))
        {
            problems.Add($"{name} '{Shorten(text)}' is not a number");
            return null;
        }

        if (value < min || value > max)
        {
            problems.Add($"{name} '{text}' is not between {min.ToString(CultureInfo.InvariantCulture)} and {max.ToString(CultureInfo.InvariantCulture)}");
            return null;
        }

        return value;
    }

    internal static bool TryParseTime(string text, out long epochNs)
    {
        epochNs = 0;
        if (text.Length < 10 || !char.IsDigit(text[0]) ||
            !DateTime.TryParse(text, CultureInfo.InvariantCulture, DateTimeStyles.AdjustToUniversal | DateTimeStyles.AssumeUniversal, out var time))
        {
            return false;
        }

        epochNs = SeismicTime.FromDateTime(DateTime.SpecifyKind(time, DateTimeKind.Utc));
        return true;
    }

    private sealed record Columns(char Delimiter, int Time, int Latitude, int Longitude, int Depth, int Magnitude, int Id);
}
