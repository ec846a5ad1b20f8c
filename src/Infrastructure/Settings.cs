using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;

namespace PesanAI.Infrastructure;

/// <summary>
/// Settings are options classes whose properties name their <c>PESANAI_*</c> variable with
/// <see cref="ConfigurationKeyNameAttribute"/> and their allowed range with data annotations, so a wrong value stops
/// the start with a message that names the variable and the range (README, Configuration).
/// </summary>
public static class Settings
{
    /// <summary>Binds <typeparamref name="T"/> from the top level of configuration and validates it when the host starts.</summary>
    public static OptionsBuilder<T> AddSettings<T>(this IServiceCollection services)
        where T : class =>
        services.AddOptions<T>().BindConfiguration(string.Empty).ValidateDataAnnotations().ValidateOnStart();

    /// <summary>
    /// Binds and validates <typeparamref name="T"/> now, for the few settings needed before the service provider
    /// exists (the listeners' ports); the same annotations and messages as <see cref="AddSettings{T}"/>.
    /// </summary>
    public static T Read<T>(IConfiguration configuration)
        where T : class, new()
    {
        ArgumentNullException.ThrowIfNull(configuration);
        var settings = new T();
        configuration.Bind(settings);
        var result = new DataAnnotationValidateOptions<T>(Options.DefaultName).Validate(Options.DefaultName, settings);
        return result.Failed
            ? throw new OptionsValidationException(Options.DefaultName, typeof(T), result.Failures)
            : settings;
    }
}
