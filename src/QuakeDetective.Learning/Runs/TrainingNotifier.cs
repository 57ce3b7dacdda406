namespace QuakeDetective.Learning.Runs;

/// <summary>Publishes live training progress to whoever listens (the Models page); handlers must not block.</summary>
public sealed class TrainingNotifier
{
    public event Action<TrainingProgress>? Changed;

    public void Publish(TrainingProgress progress) => Changed?.Invoke(progress);
}
