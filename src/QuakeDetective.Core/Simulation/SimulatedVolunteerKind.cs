namespace QuakeDetective.Core.Simulation;

/// <summary>How a simulated volunteer answers.</summary>
public enum SimulatedVolunteerKind
{
    /// <summary>Answers by their own confusion matrix: mostly right, with the crowd's typical mistakes.</summary>
    Regular,

    /// <summary>Careless: picks an answer uniformly at random.</summary>
    RandomSpammer,

    /// <summary>Careless: always gives the same answer.</summary>
    ConstantSpammer,
}
