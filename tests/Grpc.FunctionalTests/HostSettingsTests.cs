using Microsoft.Extensions.Configuration;
using PesanAI.Host.Hosting;

namespace PesanAI.FunctionalTests;

public sealed class HostSettingsTests
{
    [Fact]
    public void Outside_development_the_server_refuses_the_default_operator_secret()
    {
        var exception = Assert.Throws<InvalidOperationException>(() => PesanAiHost.Build(["--environment", "Production"], builder =>
            builder.Configuration.AddInMemoryCollection(new Dictionary<string, string?>
            {
                ["ConnectionStrings:Postgres"] = "Host=127.0.0.1;Database=never_opened",
            })));

        Assert.Contains("PESANAI_OPERATOR_CLIENT_SECRET", exception.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Settings_never_print_the_operator_secret()
    {
        var settings = HostSettings.From(new ConfigurationBuilder().AddInMemoryCollection(new Dictionary<string, string?>
        {
            ["PESANAI_OPERATOR_CLIENT_SECRET"] = "a-very-secret-operator-value",
        }).Build());

        Assert.Equal("a-very-secret-operator-value", settings.OperatorClientSecret);
        Assert.DoesNotContain("a-very-secret-operator-value", settings.ToString(), StringComparison.Ordinal);
    }

    [Fact]
    public void An_unset_issuer_follows_the_http_port()
    {
        var settings = HostSettings.From(new ConfigurationBuilder().AddInMemoryCollection(new Dictionary<string, string?>
        {
            ["PESANAI_HTTP_PORT"] = "6201",
        }).Build());

        Assert.Equal("http://localhost:6201/", settings.Issuer);
        Assert.Equal(5200, settings.GrpcPort);
        Assert.Equal("127.0.0.1", settings.ListenAddress);
    }
}
