using NetArchTest.Rules;

namespace PesanAI.Architecture.Tests;

public sealed class DomainRules
{
    [Fact]
    public void PesanAI_Domain_references_only_the_base_class_library()
    {
        var references = Layers.Domain.GetReferencedAssemblies().Select(a => a.Name!).ToList();

        Assert.NotEmpty(references);
        Assert.All(references, name => Assert.True(
            name is "netstandard" || name.StartsWith("System", StringComparison.Ordinal),
            $"PesanAI.Domain references {name}"));
    }

    [Fact]
    public void PesanAI_Domain_depends_on_no_other_layer_or_package()
    {
        var result = Types.InAssembly(Layers.Domain)
            .ShouldNot().HaveDependencyOnAny(
                "PesanAI.Application", "PesanAI.Infrastructure", "PesanAI.Host", "Marten", "JasperFx", "Mediator", "Grpc", "Google")
            .GetResult();

        Assert.True(result.IsSuccessful, Failures(result));
    }

    [Fact]
    public void PesanAI_Domain_events_and_state_are_sealed_records()
    {
        var result = Types.InAssembly(Layers.Domain)
            .That().AreClasses().And().AreNotAbstract()
            .Should().BeSealed()
            .GetResult();

        Assert.True(result.IsSuccessful, Failures(result));
    }

    internal static string Failures(TestResult result) =>
        "Offending types: " + string.Join(", ", result.FailingTypeNames ?? []);
}
