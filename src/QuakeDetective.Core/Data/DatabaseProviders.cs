namespace QuakeDetective.Core.Data;

/// <summary>The supported database providers and their migrations assemblies.</summary>
public static class DatabaseProviders
{
    public const string Sqlite = "Sqlite";
    public const string Postgres = "Postgres";

    public const string SqliteMigrationsAssembly = "QuakeDetective.Migrations.Sqlite";
    public const string PostgresMigrationsAssembly = "QuakeDetective.Migrations.Postgres";

    public static bool IsSqlite(string provider) => string.Equals(provider, Sqlite, StringComparison.OrdinalIgnoreCase);

    public static bool IsPostgres(string provider) =>
        string.Equals(provider, Postgres, StringComparison.OrdinalIgnoreCase) ||
        string.Equals(provider, "PostgreSQL", StringComparison.OrdinalIgnoreCase);

    public static bool IsKnown(string? provider) => provider is not null && (IsSqlite(provider) || IsPostgres(provider));
}
