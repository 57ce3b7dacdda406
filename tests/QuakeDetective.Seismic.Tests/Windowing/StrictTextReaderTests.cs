using System.Text;
using QuakeDetective.Seismic.Windowing;

namespace QuakeDetective.Seismic.Tests.Windowing;

public class StrictTextReaderTests
{
    private static string ReadAll(byte[] bytes)
    {
        using var reader = new StrictTextReader(new MemoryStream(bytes));
        return reader.ReadToEnd();
    }

    [Theory]
    [InlineData("utf-8")]
    [InlineData("utf-16")]
    [InlineData("utf-16BE")]
    [InlineData("utf-32")]
    public void Read_ByteOrderMark_DecodesAndDropsTheMark(string encodingName)
    {
        var encoding = Encoding.GetEncoding(encodingName);
        var text = "subject_id,label\r\n7,Séisme ✓\n";

        Assert.Equal(text, ReadAll([.. encoding.GetPreamble(), .. encoding.GetBytes(text)]));
    }

    [Theory]
    [InlineData(0)]
    [InlineData(16 * 1024 - 1)]
    [InlineData(16 * 1024)]
    [InlineData(40_000)]
    public void Read_Latin1Byte_StopsWithItsOffsetAndLine(int padding)
    {
        // Lines of 10 bytes ("aaaaaaaaa\n") before the bad line, so that the bad byte can land on either side of a chunk edge.
        var lines = padding / 10;
        var prefix = string.Concat(Enumerable.Repeat("aaaaaaaaa\n", lines)) + "x,";
        var bytes = Encoding.ASCII.GetBytes(prefix).Concat(new byte[] { 0xE9, (byte)'\n' }).ToArray();

        var ex = Assert.Throws<TextEncodingException>(() => ReadAll(bytes));

        Assert.Equal(prefix.Length, ex.ByteOffset);
        Assert.Equal(lines + 1, ex.Line);
        Assert.Contains($"byte offset {prefix.Length}: byte 0xE9 is not valid UTF-8", ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Read_NulByte_StopsWithItsOffsetAndLine()
    {
        var bytes = Encoding.Unicode.GetBytes("a,b\r\nc,d\r\n"); // UTF-16 without its byte-order mark

        var ex = Assert.Throws<TextEncodingException>(() => ReadAll(bytes));

        Assert.Equal(1, ex.ByteOffset);
        Assert.Equal(1, ex.Line);
        Assert.Contains("NUL byte", ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Read_CrLfAndCrMixed_LinesCountedLikeTheCsvReaders()
    {
        var bytes = Encoding.ASCII.GetBytes("h\r\n1\r2\n3\r\n").Concat(new byte[] { 0xFF }).ToArray();

        var ex = Assert.Throws<TextEncodingException>(() => ReadAll(bytes));

        Assert.Equal(5, ex.Line);
    }

    [Fact]
    public void Read_ValidUtf8SplitAcrossChunks_Decoded()
    {
        var text = new string('a', 16 * 1024 - 1) + "é€😀" + "\n";

        Assert.Equal(text, ReadAll(Encoding.UTF8.GetBytes(text)));
    }
}
