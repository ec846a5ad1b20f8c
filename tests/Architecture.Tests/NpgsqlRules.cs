using NetArchTest.Rules;
using PesanAI.Architecture.Tests.Planted;

namespace PesanAI.Architecture.Tests;

/// <summary>
/// PostgreSQL sits behind Application's ports (locks, leases, failure classification): Application's types use no Npgsql
/// type, so a use case can be read, and tested, without knowing the driver. Marten brings Npgsql along; using it is the rule.
/// </summary>
public sealed class NpgsqlRules
{
    [Fact]
    public void PesanAI_Application_does_not_depend_on_Npgsql()
    {
        var result = UsersOfNpgsql(Types.InAssembly(Layers.Application));

        Assert.True(result.IsSuccessful, DomainRules.Failures(result));
    }

    [Fact]
    public void The_Npgsql_rule_finds_uses_planted_as_Application_had_them()
    {
        var result = UsersOfNpgsql(Types.InAssembly(typeof(NpgsqlRules).Assembly));

        Assert.False(result.IsSuccessful);
        Assert.Contains(typeof(PlantedErrorCodeMatch).FullName, result.FailingTypeNames);
        Assert.Contains(typeof(PlantedLockCommand).FullName, result.FailingTypeNames);
    }

    private static TestResult UsersOfNpgsql(Types types) => types.ShouldNot().HaveDependencyOnAny("Npgsql").GetResult();
}
