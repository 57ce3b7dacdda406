namespace QuakeDetective.Seismic.Formats;

/// <summary>
/// Reads any supported waveform file (MiniSEED 2, MiniSEED 3, SAC: detected from the content) into merged
/// traces. CONTRACT: keep this signature; format errors throw <see cref="SeismicFormatException"/>.
/// </summary>
/// <remarks>
/// <see cref="ReadFile"/> and <see cref="Read"/> return every segment that could be read. They throw the first
/// <see cref="SeismicFormatException"/> only when no trace at all could be read and something was wrong (an empty,
/// unrecognised or wholly corrupt file); problems in part of a file (a truncated last record, a record with a bad CRC)
/// are then dropped silently. Callers that must see those problems, the gaps between segments or TEXT records use
/// <see cref="ReadFileDetailed"/> / <see cref="ReadDetailed(Stream, string)"/>, which never throw for format problems.
/// I/O failures (missing file, permissions) are not format problems and surface as the usual <see cref="IOException"/>.
/// </remarks>
public static class WaveformReader
{
    public static IReadOnlyList<Trace> ReadFile(string path) => ThrowIfNothingRead(ReadFileDetailed(path));

    public static IReadOnlyList<Trace> Read(Stream input, string sourceName) => ThrowIfNothingRead(ReadDetailed(input, sourceName));

    /// <summary>Reads a file, collecting traces, gaps, errors and text logs; throws only for I/O failures.</summary>
    public static WaveformReadResult ReadFileDetailed(string path)
    {
        ArgumentNullException.ThrowIfNull(path);
        using var stream = new FileStream(path, FileMode.Open, FileAccess.Read, FileShare.Read, 1 << 16, FileOptions.SequentialScan);
        return ReadDetailed(stream, Path.GetFileName(path));
    }

    /// <summary>Reads a stream to its end, collecting traces, gaps, errors and text logs; throws only for I/O failures.</summary>
    public static WaveformReadResult ReadDetailed(Stream input, string sourceName)
    {
        ArgumentNullException.ThrowIfNull(input);
        ArgumentNullException.ThrowIfNull(sourceName);
        var (buffer, length, tooLarge) = ReadAll(input);
        if (tooLarge is not null)
        {
            return Failed(sourceName, new SeismicFormatException(sourceName, 0, tooLarge));
        }

        return ReadDetailed(buffer, length, sourceName);
    }

    /// <summary>Reads waveform data already in memory.</summary>
    public static WaveformReadResult ReadDetailed(byte[] data, string sourceName)
    {
        ArgumentNullException.ThrowIfNull(data);
        return ReadDetailed(data, data.Length, sourceName);
    }

    private static WaveformReadResult ReadDetailed(byte[] data, int length, string sourceName)
    {
        if (length == 0)
        {
            return Failed(sourceName, new SeismicFormatException(sourceName, 0, "the file is empty"));
        }

        var span = data.AsSpan(0, length);
        if (MiniSeedParser.LooksLikeMiniSeed(span))
        {
            return ReadMiniSeed(data, length, sourceName);
        }

        if (SacReader.LooksLikeSac(span, out _) || SacReader.LooksLikeAlphanumericSac(span))
        {
            return ReadSac(data, length, sourceName);
        }

        return Failed(sourceName, new SeismicFormatException(sourceName, 0,
            "not a MiniSEED 2, MiniSEED 3 or SAC file: MiniSEED 2 starts with a 6-character sequence number and a quality letter (D, R, Q or M), " +
            "MiniSEED 3 with 'MS' and version 3, and binary SAC has header version 6 at byte 304"));
    }

    private static WaveformReadResult ReadMiniSeed(byte[] data, int length, string sourceName)
    {
        var parser = new MiniSeedParser(data, length, sourceName);
        parser.ParseAll();
        var (traces, gaps) = TraceAssembler.Assemble(parser.Records);
        var errors = new List<SeismicFormatException>(parser.Errors);
        foreach (var record in parser.Records)
        {
            if (record.Text is null && record.SampleCount > 0 && !(record.SampleRate > 0))
            {
                errors.Add(new SeismicFormatException(sourceName, record.ByteOffset,
                    $"record at byte {record.ByteOffset} ({record.Id}) has {record.SampleCount} samples but no sampling rate, so it is not a time series; its samples were left out"));
            }
        }

        if (parser.SuppressedErrors > 0)
        {
            errors.Add(new SeismicFormatException(sourceName, length, $"{parser.SuppressedErrors} further errors were not listed"));
        }

        var textLogs = parser.Records
            .Where(r => r.Text is not null)
            .Select(r => new TextLog(r.Id, r.StartTimeNs, r.Text!, r.ByteOffset))
            .ToList();
        var format = (parser.SawVersion2, parser.SawVersion3) switch
        {
            (true, true) => WaveformFormat.MiniSeedMixed,
            (true, false) => WaveformFormat.MiniSeed2,
            (false, true) => WaveformFormat.MiniSeed3,
            _ => WaveformFormat.Unknown,
        };
        return new WaveformReadResult
        {
            SourceName = sourceName,
            Format = format,
            Traces = traces,
            Gaps = gaps,
            Errors = errors,
            TextLogs = textLogs,
            RecordCount = parser.Records.Count,
        };
    }

    private static WaveformReadResult ReadSac(byte[] data, int length, string sourceName)
    {
        try
        {
            var sac = SacReader.Parse(data, length, sourceName);
            return new WaveformReadResult
            {
                SourceName = sourceName,
                Format = WaveformFormat.Sac,
                Traces = [sac.Trace],
                Gaps = [],
                Errors = [],
                TextLogs = [],
                RecordCount = 1,
                SacHeader = sac.Header,
            };
        }
        catch (SeismicFormatException ex)
        {
            return Failed(sourceName, ex);
        }
    }

    private static IReadOnlyList<Trace> ThrowIfNothingRead(WaveformReadResult result)
    {
        if (result.Traces.Count == 0 && result.Errors.Count > 0)
        {
            throw result.Errors[0];
        }

        return result.Traces;
    }

    private static WaveformReadResult Failed(string sourceName, SeismicFormatException error) => new()
    {
        SourceName = sourceName,
        Format = WaveformFormat.Unknown,
        Traces = [],
        Gaps = [],
        Errors = [error],
        TextLogs = [],
    };

    private static (byte[] Buffer, int Length, string? TooLarge) ReadAll(Stream input)
    {
        if (input.CanSeek)
        {
            var remaining = input.Length - input.Position;
            if (remaining > Array.MaxLength)
            {
                return ([], 0, $"the file is {remaining} bytes; files over {Array.MaxLength} bytes must be split before reading");
            }

            var buffer = new byte[remaining];
            input.ReadExactly(buffer);
            return (buffer, buffer.Length, null);
        }

        using var copy = new MemoryStream();
        var chunk = new byte[1 << 16];
        int read;
        while ((read = input.Read(chunk)) > 0)
        {
            if (copy.Length + read > Array.MaxLength)
            {
                return ([], 0, $"the stream is longer than {Array.MaxLength} bytes; split it before reading");
            }

            copy.Write(chunk, 0, read);
        }

        return (copy.GetBuffer(), (int)copy.Length, null);
    }
}
