namespace QuakeDetective.Core.Consensus.Csv;

/// <summary>Reads a CSV with a header row and yields the required columns of each good row; bad rows become problems.</summary>
internal static class CsvTable
{
    /// <summary>
    /// Calls <paramref name="row"/> with the trimmed values of <paramref name="columns"/> (in that order)
    /// for each good row. Columns are found by name (case-insensitive, any order; extra columns ignored).
    /// Returns false when the file is unusable (the last problem says why): no or a bad header, or bytes that are not text. <paramref name="optionalColumns"/> follow
    /// the required ones in the values array; they may be missing from the header or empty (then "").
    /// </summary>
    public static bool Read(
        TextReader reader,
        IReadOnlyList<string> columns,
        List<CsvProblem> problems,
        Action<int, string[]> row,
        CancellationToken cancellationToken,
        int maxFieldChars = CsvRecordReader.DefaultMaxFieldChars,
        IReadOnlyList<string>? optionalColumns = null)
    {
        optionalColumns ??= [];
        var records = new CsvRecordReader(reader, maxFieldChars);
        if (!records.TryRead(out var header))
        {
            if (records.Failure is { } failure)
            {
                problems.Add(failure);
                return false;
            }

            problems.Add(new CsvProblem(1, $"the file is empty; expected a header row '{string.Join(",", columns)}'"));
            return false;
        }

        if (!header.IsValid)
        {
            problems.Add(new CsvProblem(header.Line, $"cannot read the header row: {header.Error}"));
            return false;
        }

        var positions = new int[columns.Count];
        var names = header.Fields.Select(f => f.Trim()).ToArray();
        for (var c = 0; c < columns.Count; c++)
        {
            positions[c] = -1;
            for (var f = 0; f < names.Length; f++)
            {
                if (string.Equals(names[f], columns[c], StringComparison.OrdinalIgnoreCase))
                {
                    if (positions[c] >= 0)
                    {
                        problems.Add(new CsvProblem(header.Line, $"the header has column '{columns[c]}' twice"));
                        return false;
                    }

                    positions[c] = f;
                }
            }
        }

        var missing = columns.Where((_, c) => positions[c] < 0).ToList();
        if (missing.Count > 0)
        {
            problems.Add(new CsvProblem(
                header.Line,
                $"the header lacks column{(missing.Count > 1 ? "s" : "")} {string.Join(", ", missing.Select(m => $"'{m}'"))}; " +
                $"expected a header row with {string.Join(",", columns)} (found: {string.Join(",", names)})"));
            return false;
        }

        var optionalPositions = new int[optionalColumns.Count];
        for (var c = 0; c < optionalColumns.Count; c++)
        {
            optionalPositions[c] = Array.FindIndex(names, n => string.Equals(n, optionalColumns[c], StringComparison.OrdinalIgnoreCase));
        }

        var values = new string[columns.Count + optionalColumns.Count];
        var count = 0;
        while (records.TryRead(out var record))
        {
            if ((++count & 0x3FFF) == 0)
            {
                cancellationToken.ThrowIfCancellationRequested();
            }

            if (!record.IsValid)
            {
                problems.Add(new CsvProblem(record.Line, record.Error!));
                continue;
            }

            if (record.Fields.Count != names.Length)
            {
                problems.Add(new CsvProblem(record.Line, $"wrong column count: {record.Fields.Count} field{(record.Fields.Count == 1 ? "" : "s")}, the header has {names.Length}"));
                continue;
            }

            var empty = -1;
            for (var c = 0; c < columns.Count; c++)
            {
                values[c] = record.Fields[positions[c]].Trim();
                if (values[c].Length == 0 && empty < 0)
                {
                    empty = c;
                }
            }

            for (var c = 0; c < optionalColumns.Count; c++)
            {
                values[columns.Count + c] = optionalPositions[c] >= 0 ? record.Fields[optionalPositions[c]].Trim() : "";
            }

            if (empty >= 0)
            {
                problems.Add(new CsvProblem(record.Line, $"missing field: '{columns[empty]}' is empty"));
                continue;
            }

            row(record.Line, values);
        }

        if (records.Failure is { } stopped)
        {
            // A file that is not valid text is refused whole: the rows before the bad byte are no safer than the rest.
            problems.Add(stopped);
            return false;
        }

        return true;
    }
}
