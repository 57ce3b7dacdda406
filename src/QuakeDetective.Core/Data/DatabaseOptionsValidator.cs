using Microsoft.Extensions.Options;

namespace QuakeDetective.Core.Data;

/// <summary>An unknown provider stops start-up with a message that says what to write instead.</summary>
public sealed class DatabaseOptionsValidator : IValidateOptions<DatabaseOptions>
{
    public ValidateOptionsResult Validate(string? name, DatabaseOptions options)
    {
        if (!DatabaseProviders.IsKnown(options.Provider))
        {
            return ValidateOptionsResult.Fail(
                $"Database:Provider '{options.Provider}' is not supported. Use '{DatabaseProviders.Sqlite}' (default) or '{DatabaseProviders.Postgres}'.");
        }

        if (DatabaseProviders.IsPostgres(options.Provider) && string.IsNullOrWhiteSpace(options.ConnectionString))
        {
            return ValidateOptionsResult.Fail(
                "Database:Provider is Postgres but Database:ConnectionString is empty. Set it, e.g. 'Host=localhost;Database=quake;Username=quake;Password=...'.");
        }

        return ValidateOptionsResult.Success;
    }
}
