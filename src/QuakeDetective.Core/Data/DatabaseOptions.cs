using System.ComponentModel.DataAnnotations;

namespace QuakeDetective.Core.Data;

/// <summary>Configuration section "Database".</summary>
public sealed class DatabaseOptions
{
    public const string SectionName = "Database";

    /// <summary>Sqlite (default, a file in the data folder) or Postgres.</summary>
    [Required]
    public string Provider { get; set; } = DatabaseProviders.Sqlite;

    /// <summary>Connection string; for SQLite it defaults to quake.db in the data folder, for PostgreSQL it is required.</summary>
    public string? ConnectionString { get; set; }

    /// <summary>Apply pending migrations at start-up (the hosted initializer).</summary>
    public bool MigrateOnStartup { get; set; } = true;
}
