namespace QuakeDetective.Web.Infrastructure;

/// <summary>What one process of the site does (configuration Instance:Role), so that heavy work never slows the volunteers' pages.</summary>
public enum InstanceRole
{
    /// <summary>Pages, API and all background workers: the single-machine default.</summary>
    All,

    /// <summary>Pages and API only; jobs queued here are run by a worker instance.</summary>
    Web,

    /// <summary>Background workers (imports, exports, consensus, training, predictions) and /health only.</summary>
    Worker,
}
