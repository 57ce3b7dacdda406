using System.Globalization;
using System.Text;

namespace QuakeDetective.Core.Exports;

/// <summary>How values are spelled in exports.</summary>
public static class ExportText
{
    /// <summary>ISO 8601 UTC with microseconds, e.g. 2010-02-27T07:00:00.000000Z (what ObsPy and SeisBench print).</summary>
    public static string Utc(DateTime value) => value.ToUniversalTime().ToString("yyyy-MM-dd'T'HH:mm:ss.ffffff'Z'", CultureInfo.InvariantCulture);

    public static string? Utc(DateTime? value) => value is { } v ? Utc(v) : null;

    /// <summary>Zooniverse's created_at spelling: "2019-05-02 18:10:29 UTC".</summary>
    public static string ZooniverseTime(DateTime value) => value.ToUniversalTime().ToString("yyyy-MM-dd HH:mm:ss 'UTC'", CultureInfo.InvariantCulture);

    /// <summary>A column-name form of an answer: lower case, runs of other characters as one underscore ("None of the above" → none_of_the_above).</summary>
    public static string Slug(string answer)
    {
        var builder = new StringBuilder(answer.Length);
        var underscore = false;
        foreach (var c in answer.Trim())
        {
            if (char.IsAsciiLetterOrDigit(c))
            {
                builder.Append(char.ToLowerInvariant(c));
                underscore = false;
            }
            else if (!underscore && builder.Length > 0)
            {
                builder.Append('_');
                underscore = true;
            }
        }

        return builder.ToString().TrimEnd('_') is { Length: > 0 } slug ? slug : "answer";
    }

    /// <summary>Column names for votes per answer, unique even when two answers slug alike.</summary>
    public static IReadOnlyList<string> VoteColumns(IReadOnlyList<string> answers)
    {
        var names = new List<string>();
        foreach (var answer in answers)
        {
            var name = "votes_" + Slug(answer);
            var candidate = name;
            for (var i = 2; names.Contains(candidate); i++)
            {
                candidate = $"{name}_{i}";
            }

            names.Add(candidate);
        }

        return names;
    }
}
