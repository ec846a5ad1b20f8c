using System.Reflection;
using PesanAI.Application.Tenants;
using PesanAI.Domain.Tenants;
using PesanAI.Host.Services;
using PesanAI.Infrastructure.Persistence;

namespace PesanAI.Architecture.Tests;

/// <summary>The assemblies of each layer, found through a type that lives in it.</summary>
internal static class Layers
{
    public static Assembly Domain { get; } = typeof(Tenant).Assembly;

    public static Assembly Application { get; } = typeof(CreateTenant).Assembly;

    public static Assembly Infrastructure { get; } = typeof(MartenSetup).Assembly;

    public static Assembly Host { get; } = typeof(TenantGrpcService).Assembly;
}
