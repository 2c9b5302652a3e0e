using Stacking.Model;
using Stacking.Rules;
using Stacking.Serialization;

namespace Stacking.Tests.Model;

/// <summary>The default value of an id struct is no id: every place the model takes one refuses it, so that a document
/// written from the model can always be read back.</summary>
public sealed class DefaultIdTests
{
    private static readonly DateOnly Earned = new(2025, 1, 1);

    public static TheoryData<string, Func<object>> Takers => new()
    {
        { "holding", () => new Holding(default, Earned) },
        { "holding init", () => new Holding("a", Earned) with { Credential = default } },
        { "credential", () => new Credential(default) },
        { "credential init", () => new Credential("a") with { Id = default } },
        { "equivalentTo", () => new Credential("a") { EquivalentTo = ["b", default] } },
        { "skills", () => new Credential("a") { Skills = new Dictionary<SkillId, int> { [default] = 1 } } },
        { "substitution", () => new Substitution("a", default) },
        { "substitution init", () => new Substitution("a", "b") with { Substitute = default } },
        { "waiver", () => new Waiver(default) },
        { "credential leaf", () => Rule.Credential(default) },
        { "credential leaf init", () => Rule.Credential("a") with { Credential = default } },
        { "skill leaf", () => new SkillRequirement(default) },
        { "selector ids", () => Select.Ids("a", default) },
        { "selector except", () => new Selector { Any = true, Except = [default] } },
        { "selector skill", () => new Selector { Skill = default(SkillId) } },
        { "registry entry", () => new Skill(default) },
    };

    [Theory]
    [MemberData(nameof(Takers))]
    public void TheDefaultIdIsRefusedWhereverTheModelTakesOne(string where, Func<object> create)
    {
        var error = Assert.Throws<ArgumentException>(create);
        Assert.Contains("default", error.Message, StringComparison.Ordinal);
        Assert.False(string.IsNullOrEmpty(where));
    }

    [Fact]
    public void AHoldingThatCanBeBuiltCanBeWrittenAndReadBack()
    {
        var learner = new LearnerRecord("d", [new Holding("a", Earned)], [new Waiver("q"), new Substitution("a", "b")]);
        Assert.Equal(learner, LearnerJson.Read(LearnerJson.Write(learner)));
    }
}
