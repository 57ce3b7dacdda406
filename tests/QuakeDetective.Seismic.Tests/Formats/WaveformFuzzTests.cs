using System.Buffers.Binary;
using QuakeDetective.Seismic.Formats;
using QuakeDetective.Tests;

namespace QuakeDetective.Seismic.Tests.Formats;

/// <summary>
/// Seeded mutations of the real shared files (bit flips, truncations, overwritten ranges, absurd declared lengths and
/// counts, spliced files): each must decode or fail with <see cref="SeismicFormatException"/> carrying a byte offset
/// inside the file, within a time limit and without allocating far more than the file's size.
/// </summary>
public sealed class WaveformFuzzTests
{
    private const int MutationsPerFile = 80;
    private static readonly TimeSpan TimeLimit = TimeSpan.FromSeconds(45);

    [SkippableFact]
    public void Read_MutatedSharedFiles_DecodeOrThrowFormatErrorWithOffset()
    {
        var root = SharedData.Require("seismic");
        var files = new[] { "mseed", "sac" }
            .SelectMany(d => Directory.EnumerateFiles(Path.Combine(root, d), "*", SearchOption.AllDirectories))
            .Order(StringComparer.Ordinal)
            .Select(p => (Name: Path.GetFileName(p), Bytes: File.ReadAllBytes(p)))
            .ToList();
        var failures = new List<string>();
        var current = "";
        var mutations = 0;

        var work = Task.Run(() =>
        {
            var random = new Random(20250601);
            foreach (var (name, original) in files)
            {
                for (var m = 0; m < MutationsPerFile; m++)
                {
                    var (bytes, what) = Mutate(original, files[random.Next(files.Count)].Bytes, random);
                    Volatile.Write(ref current, $"{name} mutation {m}: {what}");
                    var failure = Check(bytes, name);
                    if (failure is not null)
                    {
                        failures.Add($"{name} mutation {m} ({what}): {failure}");
                    }

                    mutations++;
                }
            }
        });

        var finished = work.Wait(TimeLimit);

        Assert.True(finished, $"reading did not finish within {TimeLimit.TotalSeconds} s; last input: {Volatile.Read(ref current)}");
        Assert.True(failures.Count == 0, $"{failures.Count} of {mutations} mutations misbehaved:\n{string.Join("\n", failures.Take(20))}");
        Assert.Equal(files.Count * MutationsPerFile, mutations);
    }

    [SkippableFact]
    public void Read_AbsurdSampleCountInMiniSeed3_ReportsErrorWithoutAllocating()
    {
        var bytes = File.ReadAllBytes(ReferenceValues.PathOf("mseed/reference-testdata-int32.mseed3"));
        BinaryPrimitives.WriteUInt32LittleEndian(bytes.AsSpan(24), uint.MaxValue);
        MiniSeed3Builder.FixCrc(bytes.AsSpan(0, RecordLength3(bytes, 0)));

        var before = GC.GetAllocatedBytesForCurrentThread();
        var result = WaveformReader.ReadDetailed(bytes, "absurd.mseed3");
        var allocated = GC.GetAllocatedBytesForCurrentThread() - before;

        var error = result.Errors[0];
        Assert.Contains("declares 4294967295 samples", error.Reason, StringComparison.Ordinal);
        Assert.True(allocated < 1 << 20, $"allocated {allocated} bytes for a {bytes.Length}-byte file");
    }

    private static string? Check(byte[] bytes, string name)
    {
        var before = GC.GetAllocatedBytesForCurrentThread();
        try
        {
            var result = WaveformReader.ReadDetailed(bytes, name);
            foreach (var error in result.Errors)
            {
                if (error.ByteOffset < 0 || error.ByteOffset > bytes.Length || error.FileName != name)
                {
                    return $"error with offset {error.ByteOffset} outside the {bytes.Length}-byte file: {error.Message}";
                }
            }

            foreach (var trace in result.Traces)
            {
                _ = trace.ToString();
            }
        }
        catch (Exception ex)
        {
            return $"ReadDetailed threw {ex.GetType().Name}: {ex.Message}";
        }

        var allocated = GC.GetAllocatedBytesForCurrentThread() - before;
        if (allocated > 64L * bytes.Length + (4 << 20))
        {
            return $"allocated {allocated} bytes for a {bytes.Length}-byte input";
        }

        try
        {
            WaveformReader.Read(new MemoryStream(bytes), name);
        }
        catch (SeismicFormatException ex) when (ex.ByteOffset >= 0 && ex.ByteOffset <= bytes.Length)
        {
            // Expected for inputs with nothing readable.
        }
        catch (Exception ex)
        {
            return $"Read threw {ex.GetType().Name}: {ex.Message}";
        }

        return null;
    }

    private static (byte[] Bytes, string What) Mutate(byte[] original, byte[] other, Random random)
    {
        var bytes = (byte[])original.Clone();
        switch (random.Next(7))
        {
            case 0:
            {
                var flips = random.Next(1, 9);
                for (var i = 0; i < flips; i++)
                {
                    bytes[random.Next(bytes.Length)] ^= (byte)(1 << random.Next(8));
                }

                return (bytes, $"{flips} bit flips");
            }

            case 1:
            {
                var length = random.Next(bytes.Length);
                return (bytes[..length], $"truncated to {length} bytes");
            }

            case 2:
            {
                var at = random.Next(bytes.Length);
                var count = Math.Min(random.Next(1, 64), bytes.Length - at);
                random.NextBytes(bytes.AsSpan(at, count));
                return (bytes, $"{count} random bytes at {at}");
            }

            case 3:
                return AbsurdHeaderField(bytes, random);

            case 4:
            {
                // A header field changed and the CRC made right again, so the MiniSEED 3 parser looks deeper.
                var (mutated, what) = AbsurdHeaderField(bytes, random);
                if (mutated.Length >= 40 && mutated[0] == 'M' && mutated[1] == 'S' && mutated[2] == 3)
                {
                    var length = RecordLength3(mutated, 0);
                    if (length <= mutated.Length)
                    {
                        MiniSeed3Builder.FixCrc(mutated.AsSpan(0, length));
                    }
                }

                return (mutated, what + " with the CRC fixed");
            }

            case 5:
            {
                var cut = random.Next(bytes.Length);
                var from = random.Next(other.Length);
                return ([.. bytes[..cut], .. other[from..]], $"first {cut} bytes spliced with another file from {from}");
            }

            default:
            {
                var at = random.Next(bytes.Length);
                var count = Math.Min(random.Next(1, 512), bytes.Length - at);
                bytes.AsSpan(at, count).Fill(random.Next(2) == 0 ? (byte)0 : (byte)0xFF);
                return (bytes, $"{count} bytes filled at {at}");
            }
        }
    }

    private static (byte[] Bytes, string What) AbsurdHeaderField(byte[] bytes, Random random)
    {
        // Offsets of length and count fields: MiniSEED 2 (samples, data offset, first blockette, blockette 1000 at 48),
        // MiniSEED 3 (samples, identifier/extra/data lengths) and SAC (delta, npts, iftype, leven).
        int[] offsets = [30, 44, 46, 50, 52, 53, 54, 24, 33, 34, 36, 0, 79 * 4, 85 * 4, 105 * 4];
        var recordStart = bytes.Length > 512 && random.Next(2) == 0 ? random.Next(bytes.Length / 512) * 512 : 0;
        var at = recordStart + offsets[random.Next(offsets.Length)];
        if (at + 4 > bytes.Length)
        {
            return (bytes, "no field to change");
        }

        uint[] values = [0, 1, 7, 0xFF, 0xFFFF, 0x7FFFFFFF, 0xFFFFFFFF, 0x80000000, (uint)random.Next()];
        var value = values[random.Next(values.Length)];
        var width = random.Next(3) switch { 0 => 1, 1 => 2, _ => 4 };
        var bigEndian = random.Next(2) == 0;
        switch (width)
        {
            case 1:
                bytes[at] = (byte)value;
                break;
            case 2 when bigEndian:
                BinaryPrimitives.WriteUInt16BigEndian(bytes.AsSpan(at), (ushort)value);
                break;
            case 2:
                BinaryPrimitives.WriteUInt16LittleEndian(bytes.AsSpan(at), (ushort)value);
                break;
            case 4 when bigEndian:
                BinaryPrimitives.WriteUInt32BigEndian(bytes.AsSpan(at), value);
                break;
            default:
                BinaryPrimitives.WriteUInt32LittleEndian(bytes.AsSpan(at), value);
                break;
        }

        return (bytes, $"{width}-byte field at {at} set to 0x{value:X}");
    }

    private static int RecordLength3(byte[] bytes, int offset) =>
        (int)Math.Min(int.MaxValue, 40L + bytes[offset + 33] + BinaryPrimitives.ReadUInt16LittleEndian(bytes.AsSpan(offset + 34)) +
            BinaryPrimitives.ReadUInt32LittleEndian(bytes.AsSpan(offset + 36)));
}
