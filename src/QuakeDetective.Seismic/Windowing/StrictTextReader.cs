using System.Globalization;
using System.Text;

namespace QuakeDetective.Seismic.Windowing;

/// <summary>
/// Reads a CSV file's text without guessing: UTF-8 (with or without a byte-order mark), or UTF-16/UTF-32 when a
/// byte-order mark says so. A byte that is not valid UTF-8 (e.g. a Latin-1 'é' from an old spreadsheet), a NUL byte
/// (binary data, or UTF-16 without a byte-order mark) or a broken UTF-16 pair stops reading with a
/// <see cref="TextEncodingException"/> naming the byte offset and line, where <see cref="StreamReader"/> would quietly
/// put U+FFFD in its place and let a changed value through.
/// </summary>
public sealed class StrictTextReader : TextReader
{
    private readonly Stream _stream;
    private readonly bool _leaveOpen;
    private readonly byte[] _bytes = new byte[16 * 1024];
    private char[] _chars = new char[16 * 1024 + 4];
    private Decoder? _decoder;
    private bool _utf8;
    private long _chunkStart;
    private int _line = 1;
    private bool _previousByteWasCarriageReturn;
    private int _charLength;
    private int _charPosition;
    private bool _endOfStream;

    public StrictTextReader(Stream stream, bool leaveOpen = false)
    {
        ArgumentNullException.ThrowIfNull(stream);
        _stream = stream;
        _leaveOpen = leaveOpen;
    }

    /// <summary>The encoding found (after the first read): UTF-8 unless a byte-order mark said otherwise.</summary>
    public Encoding? CurrentEncoding { get; private set; }

    /// <summary>Opens a file for strict reading.</summary>
    public static StrictTextReader OpenFile(string path) =>
        new(new FileStream(path, FileMode.Open, FileAccess.Read, FileShare.Read, 64 * 1024, FileOptions.SequentialScan));

    public override int Peek() => Fill() ? _chars[_charPosition] : -1;

    public override int Read() => Fill() ? _chars[_charPosition++] : -1;

    public override int Read(char[] buffer, int index, int count)
    {
        ArgumentNullException.ThrowIfNull(buffer);
        return Read(buffer.AsSpan(index, count));
    }

    public override int Read(Span<char> buffer)
    {
        if (buffer.Length == 0 || !Fill())
        {
            return 0;
        }

        var n = Math.Min(buffer.Length, _charLength - _charPosition);
        _chars.AsSpan(_charPosition, n).CopyTo(buffer);
        _charPosition += n;
        return n;
    }

    protected override void Dispose(bool disposing)
    {
        if (disposing && !_leaveOpen)
        {
            _stream.Dispose();
        }

        base.Dispose(disposing);
    }

    private bool Fill()
    {
        while (_charPosition >= _charLength)
        {
            if (_endOfStream)
            {
                return false;
            }

            ReadChunk();
        }

        return true;
    }

    private void ReadChunk()
    {
        var count = ReadFully(_bytes);
        var start = 0;
        if (_decoder is null)
        {
            start = DetectEncoding(count);
            _chunkStart = 0;
        }

        var flush = count < _bytes.Length;
        if (_utf8)
        {
            CheckUtf8Bytes(start, count);
        }

        try
        {
            var needed = _decoder!.GetCharCount(_bytes, start, count - start, flush);
            if (_chars.Length < needed)
            {
                _chars = new char[needed];
            }

            _charLength = _decoder.GetChars(_bytes, start, count - start, _chars, 0, flush);
        }
        catch (DecoderFallbackException ex)
        {
            var offset = _chunkStart + start + Math.Max(ex.Index, 0);
            var bytes = string.Join(" ", (ex.BytesUnknown ?? []).Select(b => "0x" + b.ToString("X2", CultureInfo.InvariantCulture)));
            if (_utf8)
            {
                var line = LineAt(start, start + Math.Max(ex.Index, 0));
                throw new TextEncodingException(
                    $"byte offset {offset}: byte{(ex.BytesUnknown?.Length > 1 ? "s" : "")} {bytes} {(ex.BytesUnknown?.Length > 1 ? "are" : "is")} not valid UTF-8 " +
                    "(the file looks like Latin-1/Windows-1252 or another legacy encoding); save it as UTF-8 (in a spreadsheet: 'CSV UTF-8') and try again",
                    offset,
                    line);
            }

            throw new TextEncodingException(
                $"byte offset {offset}: bytes {bytes} are not valid {CurrentEncoding!.WebName} (a broken surrogate pair); save the file as UTF-8 and try again",
                offset,
                null);
        }

        _charPosition = 0;
        if (_utf8)
        {
            (_line, _previousByteWasCarriageReturn) = CountLines(start, count);
        }

        _chunkStart += count;
        _endOfStream = flush;
    }

    /// <summary>NUL never occurs in UTF-8 text: it means binary data or UTF-16 without a byte-order mark.</summary>
    private void CheckUtf8Bytes(int start, int count)
    {
        var nul = Array.IndexOf(_bytes, (byte)0, start, count - start);
        if (nul >= 0)
        {
            var line = LineAt(start, nul);
            throw new TextEncodingException(
                $"byte offset {_chunkStart + nul}: a NUL byte; a CSV file holds none (is it UTF-16 without a byte-order mark, or not text at all?); save it as UTF-8 and try again",
                _chunkStart + nul,
                line);
        }
    }

    /// <summary>The line of the byte at <paramref name="end"/> of this chunk (LF, CRLF and CR each end a line).</summary>
    private int LineAt(int start, int end) => CountLines(start, end).Line;

    private (int Line, bool EndsWithCarriageReturn) CountLines(int start, int end)
    {
        var line = _line;
        var previousCr = _previousByteWasCarriageReturn;
        for (var i = start; i < end; i++)
        {
            var b = _bytes[i];
            if (b == (byte)'\n')
            {
                if (!previousCr)
                {
                    line++;
                }

                previousCr = false;
            }
            else
            {
                previousCr = b == (byte)'\r';
                if (previousCr)
                {
                    line++;
                }
            }
        }

        return (line, previousCr);
    }

    private int DetectEncoding(int count)
    {
        Encoding encoding;
        int bom;
        if (count >= 3 && _bytes[0] == 0xEF && _bytes[1] == 0xBB && _bytes[2] == 0xBF)
        {
            (encoding, bom) = (new UTF8Encoding(false, true), 3);
        }
        else if (count >= 4 && _bytes[0] == 0xFF && _bytes[1] == 0xFE && _bytes[2] == 0 && _bytes[3] == 0)
        {
            (encoding, bom) = (new UTF32Encoding(false, false, true), 4);
        }
        else if (count >= 4 && _bytes[0] == 0 && _bytes[1] == 0 && _bytes[2] == 0xFE && _bytes[3] == 0xFF)
        {
            (encoding, bom) = (new UTF32Encoding(true, false, true), 4);
        }
        else if (count >= 2 && _bytes[0] == 0xFF && _bytes[1] == 0xFE)
        {
            (encoding, bom) = (new UnicodeEncoding(false, false, true), 2);
        }
        else if (count >= 2 && _bytes[0] == 0xFE && _bytes[1] == 0xFF)
        {
            (encoding, bom) = (new UnicodeEncoding(true, false, true), 2);
        }
        else
        {
            (encoding, bom) = (new UTF8Encoding(false, true), 0);
        }

        _utf8 = encoding is UTF8Encoding;
        CurrentEncoding = encoding;
        _decoder = encoding.GetDecoder();
        return bom;
    }

    private int ReadFully(byte[] buffer)
    {
        var total = 0;
        while (total < buffer.Length)
        {
            var n = _stream.Read(buffer, total, buffer.Length - total);
            if (n == 0)
            {
                break;
            }

            total += n;
        }

        return total;
    }
}
