using NetArchTest.Rules;

namespace PesanAI.Architecture.Tests;

/// <summary>
/// Application's feature folders (PesanAI.Application.&lt;Feature&gt;) may use each other, but never in a cycle: a cycle
/// means two features can only be understood, changed and tested together.
/// </summary>
public sealed class FeatureCycleRules
{
    private const string Prefix = "PesanAI.Application.";

    private static readonly Lazy<Dictionary<string, HashSet<string>>> Graph = new(Dependencies);

    [Fact]
    public void PesanAI_Application_features_do_not_depend_on_each_other_in_a_cycle()
    {
        Assert.True(Graph.Value.Count >= 10, $"only {Graph.Value.Count} features found: {string.Join(", ", Graph.Value.Keys)}");

        var cycle = FindCycle(Graph.Value);

        Assert.True(cycle is null, $"a cycle between features: {string.Join(" -> ", cycle ?? [])}");
    }

    [Fact]
    public void The_cycle_rule_finds_a_cycle_planted_against_a_real_dependency()
    {
        // Inbound really uses Customers; planting the way back makes a cycle the rule must name.
        Assert.Contains("Customers", Graph.Value["Inbound"]);
        var planted = Graph.Value.ToDictionary(e => e.Key, e => new HashSet<string>(e.Value));
        planted["Customers"].Add("Inbound");

        var cycle = FindCycle(planted);

        Assert.NotNull(cycle);
        Assert.Contains("Inbound", cycle);
        Assert.Contains("Customers", cycle);
    }

    /// <summary>Feature → the features its types depend on (NetArchTest reads the IL, so fully qualified uses count too).</summary>
    private static Dictionary<string, HashSet<string>> Dependencies()
    {
        var features = Layers.Application.GetTypes()
            .Select(t => t.Namespace)
            .Where(n => n is not null && n.StartsWith(Prefix, StringComparison.Ordinal))
            .Select(n => n![Prefix.Length..].Split('.')[0])
            .Distinct()
            .ToList();
        return features.ToDictionary(
            feature => feature,
            feature => features.Where(other => other != feature && Uses(feature, other)).ToHashSet());
    }

    private static bool Uses(string feature, string other) =>
        !Types.InAssembly(Layers.Application)
            .That().ResideInNamespace(Prefix + feature)
            .ShouldNot().HaveDependencyOn(Prefix + other)
            .GetResult().IsSuccessful;

    private static List<string>? FindCycle(Dictionary<string, HashSet<string>> graph)
    {
        var state = new Dictionary<string, int>(); // 1: on the current path, 2: done
        var path = new List<string>();

        List<string>? Visit(string node)
        {
            state[node] = 1;
            path.Add(node);
            foreach (var next in graph.GetValueOrDefault(node, []))
            {
                if (state.GetValueOrDefault(next) == 1)
                {
                    return [.. path.SkipWhile(n => n != next), next];
                }

                if (state.GetValueOrDefault(next) == 0 && Visit(next) is { } found)
                {
                    return found;
                }
            }

            path.RemoveAt(path.Count - 1);
            state[node] = 2;
            return null;
        }

        return graph.Keys.Where(n => state.GetValueOrDefault(n) == 0).Select(Visit).FirstOrDefault(c => c is not null);
    }
}
