using System.Globalization;

namespace QuakeDetective.Seismic.Windowing;

/// <summary>
/// Reads a stations CSV: network, station, latitude, longitude and optionally elevation (m). A header is optional
/// (net/network, sta/station, lat/latitude, lon/longitude, elev/elevation); FDSN station text output ("#Network|Station|
/// Latitude|Longitude|Elevation|...") is read as it is. When a station appears more than once (several epochs) the
/// last line wins. Every bad line is reported with its number.
/// </summary>
public static class StationCsvReader
{
    private static readonly string[] NetworkNames = ["network", "net", "networkcode", "knetwk"];
    private static readonly string[] StationNames = ["station", "sta", "stationcode", "kstnm"];
    private static readonly string[] LatitudeNames = ["latitude", "lat", "stla"];
    private static readonly string[] LongitudeNames = ["longitude", "lon", "lng", "long", "stlo"];
    private static readonly string[] ElevationNames = ["elevation", "elev", "elevationm", "stel"];

    /// <summary>Reads a file as UTF-8 (or UTF-16/32 with a byte-order mark); bytes that are not valid text stop it with their offset.</summary>
    public static CsvReadResult<StationCoordinates> ReadFile(string path)
    {
        using var reader = StrictTextReader.OpenFile(path);
        return Read(reader, Path.GetFileName(path));
    }

    public static CsvReadResult<StationCoordinates> Read(TextReader reader, string sourceName)
    {
        ArgumentNullException.ThrowIfNull(reader);
        var byKey = new Dictionary<string, StationCoordinates>(StringComparer.Ordinal);
        var errors = new List<CsvLineError>();
        try
        {
            ReadLines(reader, sourceName, byKey, errors);
        }
        catch (TextEncodingException ex)
        {
            // Nothing after a bad byte can be trusted: the file must be fixed.
            errors.Add(new CsvLineError(sourceName, ex.Line ?? 0, ex.Message));
        }

        return Result(byKey, errors);
    }

    private static void ReadLines(TextReader reader, string sourceName, Dictionary<string, StationCoordinates> byKey, List<CsvLineError> errors)
    {
        Columns? columns = null;
        foreach (var (number, text) in CsvFields.Lines(reader))
        {
            var pipe = text.Contains('|', StringComparison.Ordinal) && !text.Contains(',', StringComparison.Ordinal);
            if (columns is null)
            {
                var delimiter = pipe ? '|' : ',';
                if (!CsvFields.TrySplit(text, delimiter, out var first, out var splitError))
                {
                    errors.Add(new CsvLineError(sourceName, number, splitError!));
                    return;
                }

                if (first.Count >= 4 && double.TryParse(first[2], NumberStyles.Float, CultureInfo.InvariantCulture, out _))
                {
                    columns = new Columns(delimiter, 0, 1, 2, 3, first.Count > 4 ? 4 : -1);
                }
                else if (text.TrimStart().StartsWith('#') && !pipe)
                {
                    continue;
                }
                else
                {
                    columns = FromHeader(first, delimiter, sourceName, number, errors);
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

            if (ParseRow(fields, columns, sourceName, number, errors) is { } station)
            {
                byKey[station.Key] = station;
            }
        }

        if (columns is null && errors.Count == 0)
        {
            errors.Add(new CsvLineError(sourceName, 1, "the file has no stations; expected lines of network,station,latitude,longitude[,elevation]"));
        }
    }

    private static CsvReadResult<StationCoordinates> Result(Dictionary<string, StationCoordinates> byKey, List<CsvLineError> errors) =>
        new(byKey.Values.ToList(), errors);

    private static Columns? FromHeader(List<string> header, char delimiter, string sourceName, int line, List<CsvLineError> errors)
    {
        var names = header.Select(CsvFields.NormaliseHeader).ToList();
        int Find(string[] candidates) => names.FindIndex(n => candidates.Contains(n));
        var network = Find(NetworkNames);
        var station = Find(StationNames);
        var latitude = Find(LatitudeNames);
        var longitude = Find(LongitudeNames);
        var missing = new[] { ("network", network), ("station", station), ("latitude", latitude), ("longitude", longitude) }
            .Where(x => x.Item2 < 0).Select(x => x.Item1).ToList();
        if (missing.Count > 0)
        {
            errors.Add(new CsvLineError(sourceName, line,
                $"the header has no {string.Join(", ", missing)} column; expected network,station,latitude,longitude[,elevation] " +
                $"(found: {string.Join(", ", header)})"));
            return null;
        }

        return new Columns(delimiter, network, station, latitude, longitude, Find(ElevationNames));
    }

    private static StationCoordinates? ParseRow(List<string> fields, Columns c, string sourceName, int line, List<CsvLineError> errors)
    {
        var needed = new[] { c.Network, c.Station, c.Latitude, c.Longitude }.Max() + 1;
        if (fields.Count < needed)
        {
            errors.Add(new CsvLineError(sourceName, line, $"{fields.Count} fields where {needed} are needed (network, station, latitude, longitude)"));
            return null;
        }

        var problems = new List<string>();
        var station = fields[c.Station];
        if (station.Length == 0)
        {
            problems.Add("station code is empty");
        }

        var latitude = Number(fields[c.Latitude], "latitude", -90, 90, problems);
        var longitude = Number(fields[c.Longitude], "longitude", -180, 360, problems);
        double? elevation = null;
        if (c.Elevation >= 0 && c.Elevation < fields.Count && fields[c.Elevation].Length > 0)
        {
            elevation = Number(fields[c.Elevation], "elevation", -12000, 9000, problems);
        }

        if (problems.Count > 0)
        {
            errors.Add(new CsvLineError(sourceName, line, string.Join("; ", problems)));
            return null;
        }

        var lon = longitude!.Value > 180 ? longitude.Value - 360 : longitude.Value;
        return new StationCoordinates(fields[c.Network], station, latitude!.Value, lon, elevation);
    }

    private static double? Number(string text, string name, double min, double max, List<string> problems)
    {
        if (!double.TryParse(text, NumberStyles.Float, CultureInfo.InvariantCulture, out var value) || !double.IsFinite(value))
        {
            problems.Add(text.Length == 0 ? $"{name} is empty" : $"{name} '{text}' is not a number");
            return null;
        }

        if (value < min || value > max)
        {
            problems.Add($"{name} '{text}' is not between {min.ToString(CultureInfo.InvariantCulture)} and {max.ToString(CultureInfo.InvariantCulture)}");
            return null;
        }

        return value;
    }

    private sealed record Columns(char Delimiter, int Network, int Station, int Latitude, int Longitude, int Elevation);
}
