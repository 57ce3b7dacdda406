using System.Globalization;
using System.Text;
using System.Text.Json;
using QuakeDetective.Seismic;
using QuakeDetective.Seismic.Formats;

namespace QuakeDetective.Cli.Commands;

/// <summary>
/// Formats what `quake inspect` prints for one file: each contiguous segment (SEED id, start/end in ISO 8601 UTC with
/// microseconds, sampling rate, sample count, min/max/sum, first and last N samples), then gaps, text logs and errors.
/// Plain text for people, or one compact JSON object per file (camelCase) for scripts.
/// </summary>
public static class InspectFormatter
{
    private static readonly JsonWriterOptions JsonOptions = new() { Indented = false };

    public static void WriteText(TextWriter output, string file, WaveformReadResult result, int samples)
    {
        ArgumentNullException.ThrowIfNull(output);
        ArgumentNullException.ThrowIfNull(result);
        output.WriteLine($"{file}: {FormatName(result.Format)}, {Count(result.Traces.Count, "segment")}" +
                         (result.Format is WaveformFormat.Sac ? "" : $", {Count(result.RecordCount, "record")}"));
        foreach (var trace in result.Traces)
        {
            var (min, max, sum) = Statistics(trace.Samples);
            output.WriteLine($"  {trace.Id}  {SeismicTime.Format(trace.StartTimeNs)}  {SeismicTime.Format(trace.EndTimeNs)}  {Number(trace.SampleRate)} Hz  {Count(trace.Count, "sample")}");
            output.WriteLine($"    min {Number(min)}  max {Number(max)}  sum {Number(sum)}");
            if (samples > 0)
            {
                output.WriteLine($"    first: {string.Join(' ', First(trace.Samples, samples).Select(Number))}");
                output.WriteLine($"    last:  {string.Join(' ', Last(trace.Samples, samples).Select(Number))}");
            }
        }

        foreach (var gap in result.Gaps)
        {
            output.WriteLine($"  {(gap.IsOverlap ? "overlap" : "gap")} {gap.Id}  {SeismicTime.Format(gap.PreviousEndNs)} -> {SeismicTime.Format(gap.NextStartNs)}  ({Number(gap.GapSeconds)} s)");
        }

        foreach (var log in result.TextLogs)
        {
            output.WriteLine($"  text {log.Id}  {SeismicTime.Format(log.StartTimeNs)}: {OneLine(log.Text)}");
        }

        foreach (var error in result.Errors)
        {
            output.WriteLine($"  error at byte {error.ByteOffset}: {error.Reason}");
        }
    }

    /// <summary>One JSON object: file, format, records, segments, gaps, textLogs, errors (and sac header fields for SAC).</summary>
    public static string ToJson(string file, WaveformReadResult result, int samples)
    {
        ArgumentNullException.ThrowIfNull(result);
        using var buffer = new MemoryStream();
        using (var json = new Utf8JsonWriter(buffer, JsonOptions))
        {
            json.WriteStartObject();
            json.WriteString("file", file);
            json.WriteString("format", FormatName(result.Format));
            json.WriteNumber("records", result.RecordCount);
            json.WriteStartArray("segments");
            foreach (var trace in result.Traces)
            {
                var (min, max, sum) = Statistics(trace.Samples);
                json.WriteStartObject();
                json.WriteString("id", trace.Id.ToString());
                json.WriteString("start", SeismicTime.Format(trace.StartTimeNs));
                json.WriteString("end", SeismicTime.Format(trace.EndTimeNs));
                WriteNumber(json, "sampleRate", trace.SampleRate);
                json.WriteNumber("count", trace.Count);
                WriteNumber(json, "min", min);
                WriteNumber(json, "max", max);
                WriteNumber(json, "sum", sum);
                WriteArray(json, "first", First(trace.Samples, samples));
                WriteArray(json, "last", Last(trace.Samples, samples));
                json.WriteEndObject();
            }

            json.WriteEndArray();
            json.WriteStartArray("gaps");
            foreach (var gap in result.Gaps)
            {
                json.WriteStartObject();
                json.WriteString("id", gap.Id.ToString());
                json.WriteString("previousEnd", SeismicTime.Format(gap.PreviousEndNs));
                json.WriteString("nextStart", SeismicTime.Format(gap.NextStartNs));
                json.WriteNumber("gapSeconds", gap.GapSeconds);
                json.WriteBoolean("overlap", gap.IsOverlap);
                json.WriteEndObject();
            }

            json.WriteEndArray();
            json.WriteStartArray("textLogs");
            foreach (var log in result.TextLogs)
            {
                json.WriteStartObject();
                json.WriteString("id", log.Id.ToString());
                json.WriteString("start", SeismicTime.Format(log.StartTimeNs));
                json.WriteString("text", log.Text);
                json.WriteEndObject();
            }

            json.WriteEndArray();
            json.WriteStartArray("errors");
            foreach (var error in result.Errors)
            {
                json.WriteStartObject();
                json.WriteNumber("byteOffset", error.ByteOffset);
                json.WriteString("reason", error.Reason);
                json.WriteEndObject();
            }

            json.WriteEndArray();
            if (result.SacHeader is { } sac)
            {
                json.WriteStartObject("sac");
                WriteOptional(json, "stla", sac.Stla);
                WriteOptional(json, "stlo", sac.Stlo);
                WriteOptional(json, "stel", sac.Stel);
                WriteOptional(json, "evla", sac.Evla);
                WriteOptional(json, "evlo", sac.Evlo);
                WriteOptional(json, "evdp", sac.Evdp);
                WriteOptional(json, "mag", sac.Mag);
                WriteOptional(json, "dist", sac.Dist);
                WriteOptional(json, "gcarc", sac.Gcarc);
                WriteOptional(json, "az", sac.Az);
                WriteOptional(json, "baz", sac.Baz);
                json.WriteEndObject();
            }

            json.WriteEndObject();
        }

        return Encoding.UTF8.GetString(buffer.ToArray());
    }

    internal static (double Min, double Max, double Sum) Statistics(double[] samples)
    {
        double min = double.PositiveInfinity, max = double.NegativeInfinity, sum = 0;
        foreach (var x in samples)
        {
            min = Math.Min(min, x);
            max = Math.Max(max, x);
            sum += x;
        }

        return (min, max, sum);
    }

    private static IEnumerable<double> First(double[] samples, int n) => samples.Take(Math.Max(0, n));

    private static IEnumerable<double> Last(double[] samples, int n) => samples.Skip(Math.Max(0, samples.Length - Math.Max(0, n)));

    /// <summary>
    /// Shortest round-trip form: integers without a fraction ("2787"), values that came from FLOAT32 data in their
    /// shortest single-precision form ("6.109208", not "6.109208106994629"), other values as doubles.
    /// </summary>
    internal static string Number(double value)
    {
        if (value != Math.Floor(value) && double.IsFinite(value) && (double)(float)value == value)
        {
            return ((float)value).ToString("R", CultureInfo.InvariantCulture);
        }

        return value.ToString("R", CultureInfo.InvariantCulture);
    }

    private static string Count(int n, string noun) => $"{n.ToString(CultureInfo.InvariantCulture)} {noun}{(n == 1 ? "" : "s")}";

    private static string FormatName(WaveformFormat format) => format switch
    {
        WaveformFormat.MiniSeed2 => "MiniSEED 2",
        WaveformFormat.MiniSeed3 => "MiniSEED 3",
        WaveformFormat.MiniSeedMixed => "MiniSEED 2 and 3",
        WaveformFormat.Sac => "SAC",
        _ => "unknown format",
    };

    private static string OneLine(string text)
    {
        var flat = text.ReplaceLineEndings(" ");
        return flat.Length <= 100 ? flat : flat[..100] + "...";
    }

    private static void WriteNumber(Utf8JsonWriter json, string name, double value)
    {
        // JSON has no NaN/Infinity: corrupt float data is written as null rather than as invalid JSON.
        if (double.IsFinite(value))
        {
            json.WriteNumber(name, value);
        }
        else
        {
            json.WriteNull(name);
        }
    }

    private static void WriteOptional(Utf8JsonWriter json, string name, double? value)
    {
        if (value is { } v)
        {
            WriteNumber(json, name, v);
        }
        else
        {
            json.WriteNull(name);
        }
    }

    private static void WriteArray(Utf8JsonWriter json, string name, IEnumerable<double> values)
    {
        json.WriteStartArray(name);
        foreach (var v in values)
        {
            if (double.IsFinite(v))
            {
                json.WriteNumberValue(v);
            }
            else
            {
                json.WriteNullValue();
            }
        }

        json.WriteEndArray();
    }
}
