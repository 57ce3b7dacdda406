namespace QuakeDetective.Core.Consensus;

/// <summary>Options of the Dawid–Skene EM.</summary>
public sealed record DawidSkeneOptions
{
    /// <summary>
    /// Dirichlet pseudo-count added to every cell of every volunteer's confusion counts before a row is
    /// normalised (1 = Laplace). Keeps rows that have no mass (a volunteer who never saw a class) finite
    /// and stops volunteers with one or two votes from looking perfect. 0 gives the paper's maximum-likelihood
    /// estimate; probabilities are then floored at <see cref="ProbabilityFloor"/> before taking logs.
    /// </summary>
    public double Smoothing { get; init; } = 0.01;

    /// <summary>Dirichlet pseudo-count added to each class's expected subject count for the class priors.</summary>
    public double PriorSmoothing { get; init; } = 0.01;

    /// <summary>EM stops when the log-likelihood changes by less than this per counted vote between iterations.</summary>
    public double Tolerance { get; init; } = 1e-7;

    /// <summary>Iteration cap; <see cref="AggregationResult.Converged"/> is false when reached.</summary>
    public int MaxIterations { get; init; } = 100;

    /// <summary>Smallest probability whose log is taken (only matters when smoothing is 0).</summary>
    public double ProbabilityFloor { get; init; } = 1e-300;

    public void Validate()
    {
        if (!(Smoothing >= 0) || double.IsInfinity(Smoothing))
        {
            throw new ArgumentException($"Smoothing must be a finite number ≥ 0, got {Smoothing}.");
        }

        if (!(PriorSmoothing >= 0) || double.IsInfinity(PriorSmoothing))
        {
            throw new ArgumentException($"PriorSmoothing must be a finite number ≥ 0, got {PriorSmoothing}.");
        }

        if (!(Tolerance >= 0))
        {
            throw new ArgumentException($"Tolerance must be ≥ 0, got {Tolerance}.");
        }

        if (MaxIterations < 1)
        {
            throw new ArgumentException($"MaxIterations must be at least 1, got {MaxIterations}.");
        }

        if (!(ProbabilityFloor > 0 && ProbabilityFloor < 1))
        {
            throw new ArgumentException($"ProbabilityFloor must be in (0, 1), got {ProbabilityFloor}.");
        }
    }
}
