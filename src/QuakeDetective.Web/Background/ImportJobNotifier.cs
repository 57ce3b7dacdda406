namespace QuakeDetective.Web.Background;

/// <summary>Publishes live import progress to the pages that listen; handlers must not block.</summary>
public sealed class ImportJobNotifier
{
    public event Action<ImportJobUpdate>? Changed;

    public void Publish(ImportJobUpdate update) => Changed?.Invoke(update);
}
