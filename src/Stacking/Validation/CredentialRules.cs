using System.Globalization;
using FluentValidation;
using FluentValidation.Results;
using Stacking.Model;
using Stacking.Rules;

namespace Stacking.Validation;

/// <summary>The structural rules of spec §9 for one credential and its requirement (everything but STK001 and the earnability codes).</summary>
/// <remarks>
/// Each failure's <see cref="ValidationFailure.PropertyName"/> is the spec §9 path, its <see cref="ValidationFailure.ErrorCode"/>
/// the finding code. The requirement is walked without recursion, so any depth the reader accepts is safe.
/// </remarks>
internal sealed class CredentialRules : AbstractValidator<CredentialFacts>
{
    /// <summary>The deepest nesting allowed (spec §3): the root is level 1.</summary>
    public const int MaxDepth = 64;

    /// <summary>The largest hours, credits or cost a credential may have: 10^15.</summary>
    /// <remarks>
    /// Spec §2 allows any number ≥ 0, but the engines add these values up as <see cref="decimal"/> (28 significant digits,
    /// at most about 7.9 × 10^28): with every value at most 10^15, sums over millions of credentials (and weighted plan
    /// costs) stay exact and never overflow. Larger values are reported as a bad number (STK004) instead of failing later.
    /// </remarks>
    public const decimal MaxAmount = 1_000_000_000_000_000m;

    public static readonly CredentialRules Instance = new();

    private CredentialRules()
    {
        RuleFor(x => x.Credential.Hours).GreaterThanOrEqualTo(0m)
            .OverridePropertyName("hours").WithErrorCode(FindingCodes.BadNumber)
            .WithMessage(x => $"hours must be 0 or more, not {x.Credential.Hours.ToString(CultureInfo.InvariantCulture)}.");
        RuleFor(x => x.Credential.Hours).LessThanOrEqualTo(MaxAmount)
            .OverridePropertyName("hours").WithErrorCode(FindingCodes.BadNumber)
            .WithMessage(x => $"hours must be at most 10^15 (so that sums stay exact), not {x.Credential.Hours.ToString(CultureInfo.InvariantCulture)}.");
        RuleFor(x => x.Credential.Credits).GreaterThanOrEqualTo(0m)
            .OverridePropertyName("credits").WithErrorCode(FindingCodes.BadNumber)
            .WithMessage(x => $"credits must be 0 or more, not {x.Credential.Credits.ToString(CultureInfo.InvariantCulture)}.");
        RuleFor(x => x.Credential.Credits).LessThanOrEqualTo(MaxAmount)
            .OverridePropertyName("credits").WithErrorCode(FindingCodes.BadNumber)
            .WithMessage(x => $"credits must be at most 10^15 (so that sums stay exact), not {x.Credential.Credits.ToString(CultureInfo.InvariantCulture)}.");
        RuleFor(x => x.Credential.Cost).GreaterThanOrEqualTo(0m)
            .OverridePropertyName("cost").WithErrorCode(FindingCodes.BadNumber)
            .WithMessage(x => $"cost must be 0 or more, not {x.Credential.Cost.ToString(CultureInfo.InvariantCulture)}.");
        RuleFor(x => x.Credential.Cost).LessThanOrEqualTo(MaxAmount)
            .OverridePropertyName("cost").WithErrorCode(FindingCodes.BadNumber)
            .WithMessage(x => $"cost must be at most 10^15 (so that sums stay exact), not {x.Credential.Cost.ToString(CultureInfo.InvariantCulture)}.");
        RuleFor(x => x.Credential.Level).InclusiveBetween(1, 8)
            .When(x => x.Credential.Level is not null)
            .OverridePropertyName("level").WithErrorCode(FindingCodes.BadNumber)
            .WithMessage(x => $"level must be between 1 and 8, not {x.Credential.Level}.");
        RuleFor(x => x).Custom(CheckSkillsAndEquivalents);
        RuleFor(x => x).Custom(CheckRequirement).When(x => x.Credential.Requires is not null);
    }

    private static void CheckSkillsAndEquivalents(CredentialFacts x, ValidationContext<CredentialFacts> context)
    {
        foreach (var (skill, level) in x.Credential.Skills)
        {
            var path = "skills." + skill.Value;
            if (!x.Facts.KnowsSkill(skill))
            {
                Fail(context, FindingCodes.UnknownSkill, path, $"The skill '{skill}' is not in the catalog's skill registry.");
            }

            if (level < 1)
            {
                Fail(context, FindingCodes.BadNumber, path, $"A skill level must be 1 or more, not {level}.");
            }
        }

        var equivalents = x.Credential.EquivalentTo;
        for (var i = 0; i < equivalents.Length; i++)
        {
            if (!x.Facts.Catalog.Contains(equivalents[i]))
            {
                Fail(context, FindingCodes.UnknownCredential, $"equivalentTo[{i}]", $"equivalentTo names '{equivalents[i]}', which is not in the catalog.");
            }
        }
    }

    private static void CheckRequirement(CredentialFacts x, ValidationContext<CredentialFacts> context)
    {
        var nodeIds = new Dictionary<string, string>(StringComparer.Ordinal);
        var tooDeepReported = false;
        foreach (var visit in RequirementNode.Walk(x.Credential.Requires!))
        {
            var node = visit.Node;
            var path = visit.Path;
            if (visit.Depth > MaxDepth && !tooDeepReported)
            {
                tooDeepReported = true;
                Fail(context, FindingCodes.TooDeep, path, $"The requirement is nested deeper than {MaxDepth} levels (this node is at level {visit.Depth}; the root is level 1).");
            }

            if (node.Id is { } nodeId && !nodeIds.TryAdd(nodeId, path))
            {
                Fail(context, FindingCodes.DuplicateNodeId, path, $"The node id '{nodeId}' is already used at {nodeIds[nodeId]} in this requirement.");
            }

            switch (node)
            {
                case CompositeRequirement composite:
                    CheckComposite(composite, path, context);
                    break;
                case CredentialRequirement leaf:
                    CheckMinScore(leaf, path, context);
                    if (!x.Facts.Catalog.Contains(leaf.Credential))
                    {
                        Fail(context, FindingCodes.UnknownCredential, path, $"The requirement names '{leaf.Credential}', which is not in the catalog.");
                    }

                    break;
                case PoolRequirement pool:
                    CheckPool(pool, path, x.Facts, context);
                    break;
                case SkillRequirement skill:
                    if (!x.Facts.KnowsSkill(skill.Skill))
                    {
                        Fail(context, FindingCodes.UnknownSkill, path, $"The skill '{skill.Skill}' is not in the catalog's skill registry.");
                    }

                    if (skill.Level < 1)
                    {
                        Fail(context, FindingCodes.BadNumber, path, $"A skill level must be 1 or more, not {skill.Level}.");
                    }

                    break;
                default:
                    break;
            }
        }
    }

    private static void CheckComposite(CompositeRequirement node, string path, ValidationContext<CredentialFacts> context)
    {
        var member = RequirementNode.MemberName(node.Kind);
        if (node.Children.IsEmpty)
        {
            Fail(context, FindingCodes.MalformedNode, path, $"'{member}' is empty: it must list at least one requirement.");
        }

        // Spec §9 lists both independently: an empty `of` is STK005, and its N (≥ 1 > 0 children, or < 1) is also STK004.
        if (node is AtLeastRequirement atLeast && (atLeast.Count < 1 || atLeast.Count > atLeast.Children.Length))
        {
            // A lenient read keeps a value the model cannot hold (1.5) as written, beside the rounded one it reads (2):
            // the message quotes what the author wrote.
            var written = atLeast.Extensions.TryGetValue("atLeast", out var raw) ? $"{raw} (read as {atLeast.Count})" : $"{atLeast.Count}";
            Fail(context, FindingCodes.BadNumber, path, $"atLeast must be between 1 and the number of its requirements ({atLeast.Children.Length}), not {written}.");
        }
    }

    private static void CheckPool(PoolRequirement pool, string path, CatalogFacts facts, ValidationContext<CredentialFacts> context)
    {
        CheckMinScore(pool, path, context);
        switch (pool)
        {
            case CountRequirement count when count.Count < 1:
                Fail(context, FindingCodes.BadNumber, path, $"count must be 1 or more, not {count.Count}.");
                break;
            case CreditsRequirement credits when credits.Credits <= 0:
                Fail(context, FindingCodes.BadNumber, path, $"credits must be more than 0, not {credits.Credits.ToString(CultureInfo.InvariantCulture)}.");
                break;
            case HoursRequirement hours when hours.Hours <= 0:
                Fail(context, FindingCodes.BadNumber, path, $"hours must be more than 0, not {hours.Hours.ToString(CultureInfo.InvariantCulture)}.");
                break;
            default:
                break;
        }

        var selector = pool.From;
        var from = path + ".from";
        for (var i = 0; i < selector.Ids.Length; i++)
        {
            if (!facts.Catalog.Contains(selector.Ids[i]))
            {
                Fail(context, FindingCodes.UnknownCredential, $"{from}.ids[{i}]", $"The selector names '{selector.Ids[i]}', which is not in the catalog.");
            }
        }

        for (var i = 0; i < selector.Except.Length; i++)
        {
            if (!facts.Catalog.Contains(selector.Except[i]))
            {
                Fail(context, FindingCodes.UnknownCredential, $"{from}.except[{i}]", $"The selector's except names '{selector.Except[i]}', which is not in the catalog.");
            }
        }

        if (selector.Skill is { } skill && !facts.KnowsSkill(skill))
        {
            Fail(context, FindingCodes.UnknownSkill, from + ".skill", $"The skill '{skill}' is not in the catalog's skill registry.");
        }

        if (selector.MinLevel is { } minLevel && minLevel is < 1 or > 8)
        {
            Fail(context, FindingCodes.BadNumber, from + ".minLevel", $"minLevel must be between 1 and 8, not {minLevel}.");
        }

        if (!selector.SelectsBySomething)
        {
            Fail(context, FindingCodes.MalformedNode, from, "The selector selects by nothing: give at least one of ids, tag, kind, issuer, minLevel, skill or any.");
        }
        else if (facts.Matcher.MatchIndices(selector).IsEmpty)
        {
            Fail(context, FindingCodes.EmptySelector, from, "The selector matches no credential of the catalog.", FluentValidation.Severity.Warning);
        }
    }

    private static void CheckMinScore(ConsumingRequirement node, string path, ValidationContext<CredentialFacts> context)
    {
        if (node.MinScore is { } minScore && minScore is < 0 or > 100)
        {
            Fail(context, FindingCodes.BadNumber, path, $"minScore must be between 0 and 100, not {minScore.ToString(CultureInfo.InvariantCulture)}.");
        }
    }

    private static void Fail(
        ValidationContext<CredentialFacts> context,
        string code,
        string path,
        string message,
        FluentValidation.Severity severity = FluentValidation.Severity.Error) =>
        context.AddFailure(new ValidationFailure(path, message) { ErrorCode = code, Severity = severity });
}
