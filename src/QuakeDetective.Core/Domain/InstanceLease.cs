namespace QuakeDetective.Core.Domain;

/// <summary>
/// A named lease held by one instance at a time (for example the consensus schedule or the sweep of abandoned jobs),
/// taken and renewed with a conditional update so that the database, not memory, decides who holds it.
/// </summary>
public class InstanceLease
{
    public required string Name { get; set; }

    public required string Owner { get; set; }

    public DateTime ExpiresAt { get; set; }
}
