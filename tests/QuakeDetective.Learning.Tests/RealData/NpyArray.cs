using System.Buffers.Binary;
using System.Globalization;
using System.IO.Compression;
using System.Text;
using System.Text.RegularExpressions;

namespace QuakeDetective.Learning.Tests.RealData;

/// <summary>
/// A numeric array read from a NumPy .npy stream (format 1.0–3.0, little-endian f8/f4/i8/i4, C order), and the arrays
/// of an .npz (a zip of .npy files). Enough for the labelled PhaseNet windows; anything else is refused by name.
/// </summary>
internal sealed partial class NpyArray
{
    private NpyArray(int[] shape, double[] values)
    {
        Shape = shape;
        Values = values;
    }

    public int[] Shape { get; }

    /// <summary>Values in C (row-major) order, widened to double.</summary>
    public double[] Values { get; }

    public double this[int row, int column] => Values[row * Shape[1] + column];

    public static Dictionary<string, NpyArray> ReadNpz(string path)
    {
        using var zip = ZipFile.OpenRead(path);
        var arrays = new Dictionary<string, NpyArray>(StringComparer.Ordinal);
        foreach (var entry in zip.Entries.Where(e => e.FullName.EndsWith(".npy", StringComparison.Ordinal)))
        {
            using var stream = entry.Open();
            using var buffer = new MemoryStream();
            stream.CopyTo(buffer);
            try
            {
                arrays[entry.FullName[..^4]] = Read(buffer.ToArray());
            }
            catch (NotSupportedException)
            {
                // e.g. the string array of channel names; not needed here.
            }
        }

        return arrays;
    }

    public static NpyArray Read(byte[] bytes)
    {
        if (bytes.Length < 10 || bytes[0] != 0x93 || Encoding.ASCII.GetString(bytes, 1, 5) != "NUMPY")
        {
            throw new InvalidDataException("Not a .npy array (bad magic at byte 0).");
        }

        var major = bytes[6];
        var (headerLength, headerStart) = major == 1
            ? (BinaryPrimitives.ReadUInt16LittleEndian(bytes.AsSpan(8)), 10)
            : ((int)BinaryPrimitives.ReadUInt32LittleEndian(bytes.AsSpan(8)), 12);
        var header = Encoding.Latin1.GetString(bytes, headerStart, headerLength);
        var descr = Descr().Match(header).Groups[1].Value;
        if (FortranOrder().Match(header).Groups[1].Value == "True")
        {
            throw new NotSupportedException("Fortran-ordered arrays are not supported.");
        }

        var shape = Shape_().Match(header).Groups[1].Value
            .Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries)
            .Select(s => int.Parse(s, CultureInfo.InvariantCulture)).ToArray();
        var count = shape.Aggregate(1, (a, b) => a * b);
        var data = bytes.AsSpan(headerStart + headerLength);
        var values = new double[count];
        for (var i = 0; i < count; i++)
        {
            values[i] = descr switch
            {
                "<f8" => BinaryPrimitives.ReadDoubleLittleEndian(data[(8 * i)..]),
                "<f4" => BinaryPrimitives.ReadSingleLittleEndian(data[(4 * i)..]),
                "<i8" => BinaryPrimitives.ReadInt64LittleEndian(data[(8 * i)..]),
                "<i4" => BinaryPrimitives.ReadInt32LittleEndian(data[(4 * i)..]),
                _ => throw new NotSupportedException($"dtype '{descr}' is not supported."),
            };
        }

        return new NpyArray(shape, values);
    }

    [GeneratedRegex(@"'descr':\s*'([^']+)'")]
    private static partial Regex Descr();

    [GeneratedRegex(@"'fortran_order':\s*(True|False)")]
    private static partial Regex FortranOrder();

    [GeneratedRegex(@"'shape':\s*\(([^)]*)\)")]
    private static partial Regex Shape_();
}
