using Microsoft.Extensions.Options;

namespace QuakeDetective.Core.Jobs;

/// <summary>
/// This process among the instances sharing the database: <see cref="Name"/> is Instance:Name or host/pid, and
/// <see cref="Owner"/> adds the start time, so that rows claimed by an earlier life of the same named instance can be
/// told apart from this life's (and marked interrupted at start-up without waiting for their lease).
/// </summary>
public sealed class InstanceIdentity
{
    private const char LifeSeparator = '#';

    public InstanceIdentity(IOptions<InstanceOptions> options, TimeProvider time)
    {
        ArgumentNullException.ThrowIfNull(options);
        ArgumentNullException.ThrowIfNull(time);
        var configured = options.Value.Name?.Trim();
        IsConfigured = !string.IsNullOrEmpty(configured);
        Name = IsConfigured ? configured! : $"{Environment.MachineName}/{Environment.ProcessId}";
        if (Name.Contains(LifeSeparator, StringComparison.Ordinal) || Name.Length > 150)
        {
            throw new OptionsValidationException(nameof(InstanceOptions), typeof(InstanceOptions),
                [$"Instance:Name '{Name}' must be at most 150 characters and must not contain '{LifeSeparator}'."]);
        }

        Owner = $"{Name}{LifeSeparator}{time.GetUtcNow().UtcTicks}";
    }

    /// <summary>The configured name, or host/pid.</summary>
    public string Name { get; }

    /// <summary>Written to the rows this process claims: name + start time.</summary>
    public string Owner { get; }

    /// <summary>True when Instance:Name is set, so that a restart can recognise its own earlier rows.</summary>
    public bool IsConfigured { get; }

    /// <summary>Prefix of every owner this named instance ever wrote (all its lives); null without a configured name.</summary>
    public string? LifePrefix => IsConfigured ? Name + LifeSeparator : null;
}
