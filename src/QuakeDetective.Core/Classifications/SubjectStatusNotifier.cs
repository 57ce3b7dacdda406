namespace QuakeDetective.Core.Classifications;

/// <summary>
/// Tells in-process listeners (a queue cache, an open results page) that a subject retired or came back, right
/// after the commit. The database status is the truth; this only lets caches drop a retired subject at once.
/// </summary>
public sealed class SubjectStatusNotifier
{
    public event Action<SubjectStatusChange>? Changed;

    public void Publish(SubjectStatusChange change)
    {
        var handlers = Changed;
        if (handlers is null)
        {
            return;
        }

        foreach (var handler in handlers.GetInvocationList().Cast<Action<SubjectStatusChange>>())
        {
            try
            {
                handler(change);
            }
            catch (Exception)
            {
                // One broken listener must not stop the others nor fail the vote that retired the subject.
            }
        }
    }
}
