namespace QuakeDetective.Seismic.Formats;

/// <summary>
/// Walks a byte buffer record by record (MiniSEED 2 and 3 may be mixed). A record that cannot be decoded becomes an
/// error and reading goes on with the next record; when a header is unreadable the parser searches forward for the next
/// plausible record header. Never reads beyond the buffer and never allocates more than a record's length justifies.
/// </summary>
internal sealed partial class MiniSeedParser
{
    /// <summary>At most this many errors are kept per file, so that a file of garbage cannot fill memory.</summary>
    public const int MaxErrors = 100;

    private readonly byte[] _data;
    private readonly int _length;
    private readonly string _source;
    private readonly IntArena _arena;
    private int _recordIndex;
    private byte[]? _lastCodes;
    private SeedId _lastId;
    private string? _lastSid;
    private SeedId _lastSidId;

    public MiniSeedParser(byte[] data, int length, string source)
    {
        _data = data;
        _length = length;
        _source = source;
        _arena = new IntArena(length);
    }

    public List<MiniSeedRecord> Records { get; } = [];

    public List<SeismicFormatException> Errors { get; } = [];

    public int SuppressedErrors { get; private set; }

    public bool SawVersion2 { get; private set; }

    public bool SawVersion3 { get; private set; }

    /// <summary>True when the buffer starts with something that looks like a MiniSEED 2 or 3 record header.</summary>
    public static bool LooksLikeMiniSeed(ReadOnlySpan<byte> data) => LooksLikeV3Header(data) || LooksLikeV2Header(data, out _);

    public void ParseAll()
    {
        var offset = 0;
        while (offset < _length)
        {
            var remaining = _data.AsSpan(offset, _length - offset);
            int consumed;
            if (LooksLikeV3Header(remaining))
            {
                consumed = ParseV3(offset);
            }
            else if (LooksLikeV2Header(remaining, out var headerBigEndian))
            {
                consumed = ParseV2(offset, headerBigEndian);
            }
            else
            {
                consumed = 0;
            }

            if (consumed > 0)
            {
                offset += consumed;
                continue;
            }

            // Not a record header (or one we could not size): look for the next one.
            var next = FindNextHeader(offset + 1);
            AddError(offset, next < _length
                ? $"no MiniSEED record header here; skipped {next - offset} bytes to the next record header"
                : $"no MiniSEED record header here; the last {_length - offset} bytes of the file are not a MiniSEED record (truncated or corrupt tail)");
            offset = next;
        }
    }

    private int FindNextHeader(int from)
    {
        for (var o = from; o < _length; o++)
        {
            var span = _data.AsSpan(o, _length - o);
            if (LooksLikeV3Header(span) || LooksLikeV2Header(span, out _))
            {
                return o;
            }
        }

        return _length;
    }

    private void AddError(long offset, string reason)
    {
        if (Errors.Count >= MaxErrors)
        {
            SuppressedErrors++;
            return;
        }

        Errors.Add(new SeismicFormatException(_source, offset, reason));
    }

    private string RecordName(long offset) => $"record {_recordIndex + 1} (at byte {offset})";

    private void AddDecoded(MiniSeedRecord record, string? integrityProblem)
    {
        Records.Add(record);
        if (integrityProblem is not null)
        {
            AddError(record.ByteOffset, $"{RecordName(record.ByteOffset)} {record.Id}: {integrityProblem}");
        }
    }
}
