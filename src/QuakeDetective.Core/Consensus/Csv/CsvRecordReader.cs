using System.Text;
using QuakeDetective.Seismic.Windowing;

namespace QuakeDetective.Core.Consensus.Csv;

/// <summary>
/// RFC 4180 record reader that never throws on bad input: quoted fields (with "" escapes, commas and
/// line breaks inside), LF / CRLF / CR line ends, a leading byte-order mark, blank lines skipped. A bad
/// record comes back with <see cref="CsvRecord.Error"/> set and reading goes on: after an unterminated
/// quote it resumes on the line after the one where the quote opened, so one stray quote costs one row.
/// Text that is not text stops reading instead (<see cref="Failure"/>): a <see cref="TextEncodingException"/> from a
/// <see cref="StrictTextReader"/> (with its byte offset), or a NUL or U+FFFD character from any other reader.
/// </summary>
public sealed class CsvRecordReader
{
    /// <summary>Default limit of one field: 64 KiB characters.</summary>
    public const int DefaultMaxFieldChars = 64 * 1024;

    private readonly TextReader _reader;
    private readonly int _maxFieldChars;
    private readonly int _maxLineChars;
    private readonly char[] _buffer = new char[16 * 1024];
    private readonly Stack<(int Line, string Text, bool TooLong)> _pushedBack = new();
    private readonly StringBuilder _line = new();
    private int _bufferLength;
    private int _bufferPosition;
    private int _lineNumber;
    private bool _pendingCarriageReturn;
    private bool _endOfInput;

    public CsvRecordReader(TextReader reader, int maxFieldChars = DefaultMaxFieldChars)
    {
        ArgumentNullException.ThrowIfNull(reader);
        ArgumentOutOfRangeException.ThrowIfLessThan(maxFieldChars, 1);
        _reader = reader;
        _maxFieldChars = maxFieldChars;
        _maxLineChars = (int)Math.Min(int.MaxValue / 2, 16L * maxFieldChars);
    }

    /// <summary>Why reading stopped early (the input is not valid text), with the line it happened on; null when it did not.</summary>
    public CsvProblem? Failure { get; private set; }

    /// <summary>Reads the next record; false at the end of the input (or after a <see cref="Failure"/>).</summary>
    public bool TryRead(out CsvRecord record)
    {
        while (NextLine(out var startLine, out var text, out var tooLong))
        {
            if (tooLong)
            {
                record = new CsvRecord(startLine, [], $"the line is longer than {_maxLineChars} characters");
                return true;
            }

            if (string.IsNullOrWhiteSpace(text))
            {
                continue;
            }

            record = Parse(startLine, text);
            return true;
        }

        record = default;
        return false;
    }

    private CsvRecord Parse(int startLine, string firstLine)
    {
        if (!firstLine.Contains('"', StringComparison.Ordinal))
        {
            // Most rows hold no quote at all: split directly.
            var parts = firstLine.Split(',');
            for (var f = 0; f < parts.Length; f++)
            {
                if (parts[f].Length > _maxFieldChars)
                {
                    return new CsvRecord(startLine, [], $"field {f + 1} is longer than {_maxFieldChars} characters");
                }
            }

            return new CsvRecord(startLine, parts, null);
        }

        var fields = new List<string>();
        var field = new StringBuilder();
        var consumed = new List<(int Line, string Text, bool TooLong)>();
        var text = firstLine;
        var i = 0;
        var inQuotes = false;
        var afterQuote = false;
        var quoteField = 0;
        while (true)
        {
            if (i >= text.Length)
            {
                if (!inQuotes)
                {
                    fields.Add(field.ToString());
                    return new CsvRecord(startLine, fields, null);
                }

                // A line break inside a quoted field: the record goes on on the next line.
                if (!NextLine(out var line, out var next, out var tooLong) || tooLong)
                {
                    if (tooLong)
                    {
                        consumed.Add((line, next, tooLong));
                    }

                    PushBack(consumed);
                    return new CsvRecord(startLine, [], $"unterminated quote in field {quoteField} (the quote opened on line {startLine} is never closed)");
                }

                consumed.Add((line, next, false));
                field.Append('\n');
                text = next;
                i = 0;
                continue;
            }

            var c = text[i++];
            if (inQuotes)
            {
                if (c == '"')
                {
                    if (i < text.Length && text[i] == '"')
                    {
                        field.Append('"');
                        i++;
                    }
                    else
                    {
                        inQuotes = false;
                        afterQuote = true;
                    }
                }
                else
                {
                    field.Append(c);
                }
            }
            else if (c == ',')
            {
                fields.Add(field.ToString());
                field.Clear();
                afterQuote = false;
            }
            else if (afterQuote)
            {
                PushBack(consumed);
                return new CsvRecord(startLine, [], $"field {fields.Count + 1}: unexpected character '{c}' after a closing quote (a quote inside a quoted field must be doubled)");
            }
            else if (c == '"')
            {
                if (field.Length > 0)
                {
                    PushBack(consumed);
                    return new CsvRecord(startLine, [], $"field {fields.Count + 1}: a quote inside an unquoted field (quote the whole field and double the quote)");
                }

                inQuotes = true;
                quoteField = fields.Count + 1;
            }
            else
            {
                field.Append(c);
            }

            if (field.Length > _maxFieldChars)
            {
                PushBack(consumed);
                return new CsvRecord(startLine, [], $"field {fields.Count + 1} is longer than {_maxFieldChars} characters");
            }
        }
    }

    /// <summary>Lines read past a bad record's first line are read again as records of their own.</summary>
    private void PushBack(List<(int Line, string Text, bool TooLong)> consumed)
    {
        for (var i = consumed.Count - 1; i >= 0; i--)
        {
            _pushedBack.Push(consumed[i]);
        }
    }

    private bool NextLine(out int lineNumber, out string text, out bool tooLong)
    {
        if (_pushedBack.Count > 0)
        {
            (lineNumber, text, tooLong) = _pushedBack.Pop();
            return true;
        }

        _line.Clear();
        tooLong = false;
        var sawAny = false;
        while (true)
        {
            if (_bufferPosition >= _bufferLength)
            {
                if (_endOfInput)
                {
                    break;
                }

                try
                {
                    _bufferLength = _reader.Read(_buffer, 0, _buffer.Length);
                }
                catch (TextEncodingException ex)
                {
                    Fail(ex.Line ?? _lineNumber + 1, ex.Message);
                    lineNumber = _lineNumber + 1;
                    text = "";
                    return false;
                }

                _bufferPosition = 0;
                if (_bufferLength == 0)
                {
                    _endOfInput = true;
                    break;
                }
            }

            var c = _buffer[_bufferPosition++];
            if (_pendingCarriageReturn)
            {
                _pendingCarriageReturn = false;
                if (c == '\n')
                {
                    continue;
                }
            }

            if (c == '\r' || c == '\n')
            {
                _pendingCarriageReturn = c == '\r';
                sawAny = true;
                break;
            }

            sawAny = true;
            if (_line.Length < _maxLineChars)
            {
                _line.Append(c);
            }
            else
            {
                tooLong = true;
            }
        }

        if (!sawAny)
        {
            lineNumber = _lineNumber;
            text = "";
            return false;
        }

        lineNumber = ++_lineNumber;
        if (lineNumber == 1 && _line.Length > 0 && _line[0] == '\uFEFF')
        {
            _line.Remove(0, 1);
        }

        text = _line.ToString();
        var bad = text.AsSpan().IndexOfAny('\0', '\uFFFD');
        if (bad >= 0)
        {
            // The reader replaced bytes it could not decode, or read UTF-16 as UTF-8: the values are no longer what the file says.
            Fail(lineNumber, text[bad] == '\0'
                ? $"column {bad + 1}: a NUL character; a CSV file holds none (UTF-16 without a byte-order mark, or not text?); save it as UTF-8 and try again"
                : $"column {bad + 1}: U+FFFD, the mark of bytes that were not valid UTF-8 when the file was read; save it as UTF-8 and try again");
            text = "";
            return false;
        }

        return true;
    }

    private void Fail(int line, string message)
    {
        Failure = new CsvProblem(line, message);
        _endOfInput = true;
        _bufferLength = 0;
        _bufferPosition = 0;
        _pushedBack.Clear();
    }
}
