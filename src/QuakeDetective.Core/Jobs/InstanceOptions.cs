namespace QuakeDetective.Core.Jobs;

/// <summary>Configuration section "Instance": who this process is among several sharing one database.</summary>
public sealed class InstanceOptions
{
    public const string SectionName = "Instance";

    /// <summary>
    /// A stable, unique name for this instance (e.g. "web-1", "worker"). With it, jobs a previous life of the same
    /// instance left running are marked interrupted at once on restart; without it, the host name and process id are
    /// used and abandoned jobs are found only when their lease expires. Never give two live instances the same name.
    /// </summary>
    public string? Name { get; set; }

    /// <summary>all (default: pages, API and background workers), web (pages and API only) or worker (background work and /health).</summary>
    public string? Role { get; set; }
}
