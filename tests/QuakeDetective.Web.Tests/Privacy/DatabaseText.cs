using System.Globalization;
using Microsoft.EntityFrameworkCore;
using QuakeDetective.Core.Data;

namespace QuakeDetective.Web.Tests.Privacy;

/// <summary>
/// Looks for text in every column of every table of the model (SQLite or PostgreSQL), so that "never stored" is
/// checked against the whole database rather than the columns someone remembered.
/// </summary>
public static class DatabaseText
{
    /// <summary>"table.column" for every stored value that contains one of <paramref name="needles"/> (ordinal, case-insensitive).</summary>
    public static async Task<List<string>> FindAsync(IDbContextFactory<QuakeDbContext> dbFactory, params string[] needles)
    {
        await using var db = await dbFactory.CreateDbContextAsync();
        var tables = db.Model.GetEntityTypes().Select(t => t.GetTableName()).OfType<string>().Distinct().ToList();
        var connection = db.Database.GetDbConnection();
        await db.Database.OpenConnectionAsync();
        var hits = new List<string>();
        foreach (var table in tables)
        {
            await using var command = connection.CreateCommand();
            command.CommandText = $"SELECT * FROM \"{table}\"";
            await using var reader = await command.ExecuteReaderAsync();
            while (await reader.ReadAsync())
            {
                for (var i = 0; i < reader.FieldCount; i++)
                {
                    var text = reader.IsDBNull(i) ? null : reader.GetValue(i) switch
                    {
                        byte[] bytes => System.Text.Encoding.UTF8.GetString(bytes),
                        string[] items => string.Join('\n', items),
                        IFormattable f => f.ToString(null, CultureInfo.InvariantCulture),
                        var v => v.ToString(),
                    };
                    if (text is not null && needles.FirstOrDefault(n => text.Contains(n, StringComparison.OrdinalIgnoreCase)) is { } needle)
                    {
                        hits.Add($"{table}.{reader.GetName(i)} contains '{needle}'");
                    }
                }
            }
        }

        return hits;
    }
}
