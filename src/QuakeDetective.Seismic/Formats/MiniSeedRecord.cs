namespace QuakeDetective.Seismic.Formats;

/// <summary>One decoded MiniSEED record (version 2 or 3): where it was, what it is, and its samples.</summary>
internal sealed class MiniSeedRecord
{
    public required SeedId Id { get; init; }

    /// <summary>Start time (nanoseconds since the epoch) with any pending time correction applied.</summary>
    public required long StartTimeNs { get; init; }

    public required double SampleRate { get; init; }

    public required int SampleCount { get; init; }

    public required MiniSeedEncoding Encoding { get; init; }

    public required long ByteOffset { get; init; }

    public required int RecordLength { get; init; }

    public required int FormatVersion { get; init; }

    /// <summary>Samples of integer encodings (INT16, INT32, Steim-1, Steim-2).</summary>
    public ArraySegment<int> Integers { get; init; }

    /// <summary>Samples of FLOAT32 records.</summary>
    public float[]? Floats { get; init; }

    /// <summary>Samples of FLOAT64 records.</summary>
    public double[]? Doubles { get; init; }

    /// <summary>The content of TEXT records (a log, not samples).</summary>
    public string? Text { get; init; }

    /// <summary>Time of the last sample.</summary>
    public long EndTimeNs => SampleCount <= 1 || SampleRate <= 0
        ? StartTimeNs
        : StartTimeNs + (long)Math.Round((SampleCount - 1) * 1e9 / SampleRate);

    public double SampleAt(int index) =>
        Integers.Array is not null ? Integers[index] : Floats is not null ? Floats[index] : Doubles![index];

    public void CopyTo(double[] destination, int offset)
    {
        if (Integers.Array is not null)
        {
            var source = Integers.AsSpan();
            var target = destination.AsSpan(offset, source.Length);
            for (var i = 0; i < source.Length; i++)
            {
                target[i] = source[i];
            }
        }
        else if (Floats is not null)
        {
            for (var i = 0; i < Floats.Length; i++)
            {
                destination[offset + i] = Floats[i];
            }
        }
        else if (Doubles is not null)
        {
            Doubles.CopyTo(destination, offset);
        }
    }
}
