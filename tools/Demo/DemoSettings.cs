namespace PesanAI.Demo;

internal sealed record DemoSettings(Uri Grpc, Uri Http, Uri Emulator, string OperatorId, string OperatorSecret)
{
    public static DemoSettings FromEnvironment() => new(
        new Uri(Environment.GetEnvironmentVariable("PESANAI_GRPC") ?? "http://127.0.0.1:5200"),
        new Uri(Environment.GetEnvironmentVariable("PESANAI_HTTP") ?? "http://127.0.0.1:5201"),
        new Uri(Environment.GetEnvironmentVariable("PESANAI_EMULATOR_URL") ?? "http://127.0.0.1:5300"),
        Environment.GetEnvironmentVariable("PESANAI_OPERATOR_CLIENT_ID") ?? "pesanai-operator",
        Environment.GetEnvironmentVariable("PESANAI_OPERATOR_CLIENT_SECRET") ?? "pesanai-dev-operator-secret");
}
