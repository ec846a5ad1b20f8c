using NetArchTest.Rules;

namespace PesanAI.Architecture.Tests;

public sealed class HostRules
{
    [Fact]
    public void PesanAI_Grpc_services_do_not_touch_Marten_or_the_domain_rules()
    {
        var result = Types.InAssembly(Layers.Host)
            .That().ResideInNamespace("PesanAI.Host.Services")
            .ShouldNot().HaveDependencyOnAny("Marten", "JasperFx", "Npgsql", "PesanAI.Infrastructure", "PesanAI.Domain.Tenants.TenantDecider")
            .GetResult();

        Assert.True(result.IsSuccessful, DomainRules.Failures(result));
    }

    [Fact]
    public void PesanAI_Infrastructure_does_not_depend_on_the_host()
    {
        var result = Types.InAssembly(Layers.Infrastructure)
            .ShouldNot().HaveDependencyOn("PesanAI.Host")
            .GetResult();

        Assert.True(result.IsSuccessful, DomainRules.Failures(result));
    }

    /// <summary>
    /// The rule that must fail: Infrastructure does use Marten. If this "should not" rule ever passed, the
    /// rules above would be looking at the wrong assembly (or NetArchTest would see no dependencies at all).
    /// </summary>
    [Fact]
    public void A_rule_that_must_fail_does_fail_PesanAI_Infrastructure_uses_Marten()
    {
        var result = Types.InAssembly(Layers.Infrastructure)
            .ShouldNot().HaveDependencyOn("Marten")
            .GetResult();

        Assert.False(result.IsSuccessful);
        Assert.Contains(result.FailingTypeNames, name => name.Contains("MartenSetup", StringComparison.Ordinal));
    }
}
