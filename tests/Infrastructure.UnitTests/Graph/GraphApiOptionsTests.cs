using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.Options;
using PesanAI.Infrastructure.WhatsApp.Graph;

namespace PesanAI.Infrastructure.UnitTests.Graph;

/// <summary>PESANAI_GRAPH_API_* as the options binding reads them.</summary>
public sealed class GraphApiOptionsTests
{
    [Fact]
    public void A_base_url_without_a_trailing_slash_keeps_its_path()
    {
        var options = Read(new() { ["PESANAI_GRAPH_API_URL"] = "https://graph.example/meta", ["PESANAI_GRAPH_API_TIMEOUT_SECONDS"] = "2.5" });

        Assert.Equal("https://graph.example/meta/", options.BaseUrl.AbsoluteUri);
        Assert.Equal(TimeSpan.FromSeconds(2.5), options.Timeout);
        Assert.Equal("v21.0", options.Version);
    }

    [Theory]
    [InlineData("PESANAI_GRAPH_API_URL", "graph.facebook.com")]
    [InlineData("PESANAI_GRAPH_API_URL", "ftp://graph.example/")]
    [InlineData("PESANAI_GRAPH_API_TIMEOUT_SECONDS", "0")]
    [InlineData("PESANAI_GRAPH_API_VERSION", "21")]
    public void A_wrong_value_is_refused_with_its_variable(string variable, string value)
    {
        var refused = Assert.Throws<OptionsValidationException>(() => Read(new() { [variable] = value }));

        Assert.Contains(variable + " must", refused.Message, StringComparison.Ordinal);
    }

    private static GraphApiOptions Read(Dictionary<string, string?> values) =>
        Settings.Read<GraphApiOptions>(new ConfigurationBuilder().AddInMemoryCollection(values).Build());
}
