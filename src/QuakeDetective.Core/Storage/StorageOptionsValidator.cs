using Microsoft.Extensions.Options;

namespace QuakeDetective.Core.Storage;

/// <summary>An unknown Storage:Provider stops start-up with a message that says what to write instead.</summary>
public sealed class StorageOptionsValidator : IValidateOptions<StorageOptions>
{
    public ValidateOptionsResult Validate(string? name, StorageOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        return BlobStoreFactory.IsKnown(options.Provider)
            ? ValidateOptionsResult.Success
            : ValidateOptionsResult.Fail(BlobStoreFactory.UnknownProviderMessage(options.Provider));
    }
}
