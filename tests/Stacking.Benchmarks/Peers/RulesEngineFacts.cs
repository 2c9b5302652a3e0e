namespace Stacking.Benchmarks.Peers;

/// <summary>The learner as RulesEngine sees it: the items valid at T, prepared once per learner like ours.</summary>
public sealed class RulesEngineFacts
{
    public RulesEngineFacts(IReadOnlyList<RulesEngineItem> items) => Items = items;

    public IReadOnlyList<RulesEngineItem> Items { get; }
}

/// <summary>One valid holding, with the catalog attributes a rule tests.</summary>
public sealed class RulesEngineItem
{
    public RulesEngineItem(string id, decimal credits, decimal hours, decimal score)
    {
        Id = id;
        Credits = credits;
        Hours = hours;
        Score = score;
    }

    public string Id { get; }

    public decimal Credits { get; }

    public decimal Hours { get; }

    public decimal Score { get; }
}
