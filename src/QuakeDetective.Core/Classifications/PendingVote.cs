namespace QuakeDetective.Core.Classifications;

/// <summary>A vote waiting for the vote writer; its task completes after the batch that holds it is committed.</summary>
public sealed class PendingVote(ClassificationRequest request)
{
    private readonly TaskCompletionSource<SubmitResult> _completion = new(TaskCreationOptions.RunContinuationsAsynchronously);

    public ClassificationRequest Request { get; } = request;

    public Task<SubmitResult> Task => _completion.Task;

    internal bool IsCompleted => _completion.Task.IsCompleted;

    internal void Complete(SubmitResult result) => _completion.TrySetResult(result);

    internal void Fail(Exception exception) => _completion.TrySetException(exception);
}
