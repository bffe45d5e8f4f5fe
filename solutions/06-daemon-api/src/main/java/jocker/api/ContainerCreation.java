package jocker.api;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import jocker.cgroups.Limits;
import jocker.engine.CreateRequest;
import jocker.images.ImageOverrides;
import jocker.seccomp.SeccompProfiles;
import jocker.seccomp.SeccompSetting;
import jocker.security.Confinement;
import jocker.security.SecurityOpts;
import jocker.spec.Spec;

/**
 * {@code POST /containers/create}'s body as the engine's {@link CreateRequest}:
 * the same typed parts {@code jocker run}'s options make (chapter 2's
 * {@link Confinement} and {@link SecurityOpts}, chapter 3's {@link Limits},
 * chapter 5's {@link ImageOverrides}), so a container made through the API is
 * made exactly as one made by the command line.
 */
public final class ContainerCreation {

    private ContainerCreation() {
    }

    /**
     * The request for {@code body}, named {@code name} (null: a generated
     * name); Docker's warnings for what it adjusted are added to {@code warnings}.
     */
    public static CreateRequest request(ContainerCreateBody body, String name, List<String> warnings) {
        if (body == null || body.image() == null || body.image().isBlank()) {
            throw ApiException.badRequest("Config cannot be empty in order to create a container: no Image");
        }
        ContainerCreateBody.HostConfig host = body.host();
        List<String> env;
        try {
            env = jocker.spec.Environment.merge(Spec.DEFAULT_ENV, orEmpty(body.env()), java.util.Map.of());
        } catch (IllegalArgumentException e) {
            throw ApiException.badRequest(e.getMessage());
        }
        String workdir = body.workingDir() == null || body.workingDir().isEmpty() ? "/" : body.workingDir();
        String hostname = body.hostname() == null || body.hostname().isEmpty() ? null : body.hostname();
        CreateRequest request = new CreateRequest(body.image(), orEmpty(body.cmd()), name, hostname, env, workdir,
                host.autoRemove());
        try {
            Limits limits = HostResources.limits(host, Runtime.getRuntime().availableProcessors(), warnings);
            if (!limits.equals(Limits.NONE)) {
                request = request.with(limits);
            }
            Confinement confinement = new Confinement(null, orEmpty(host.capAdd()), orEmpty(host.capDrop()),
                    host.privileged());
            if (!confinement.equals(Confinement.DEFAULT)) {
                request = request.with(confinement);
            }
            request = security(request, orEmpty(host.securityOpt()));
            ImageOverrides overrides = new ImageOverrides(entrypoint(body.entrypoint()),
                    body.user() == null || body.user().isEmpty() ? null : body.user(),
                    body.stopSignal() == null || body.stopSignal().isEmpty() ? null : body.stopSignal());
            if (!overrides.equals(ImageOverrides.NONE)) {
                request = request.with(overrides);
            }
        } catch (IllegalArgumentException e) { // the typed parts refuse with the CLI's messages
            throw ApiException.badRequest(e.getMessage());
        }
        return withParts(request, body);
    }

    /** The later concepts' parts: the volumes' binds. */
    private static CreateRequest withParts(CreateRequest request, ContainerCreateBody body) {
        boolean bindsRead = false;
        for (CreateBodyPart part : CreateBodyPart.all()) {
            request = part.addTo(request, body);
            bindsRead |= part.handlesBinds();
        }
        if (!bindsRead && !orEmpty(body.host().binds()).isEmpty()) {
            throw ApiException.badRequest("this daemon cannot mount binds (HostConfig.Binds): "
                    + body.host().binds());
        }
        return request;
    }

    /**
     * The Entrypoint: null keeps the image's; {@code [""]}, which
     * {@code docker run --entrypoint ""} sends, and {@code []} clear it.
     */
    static List<String> entrypoint(List<String> entrypoint) {
        if (entrypoint == null) {
            return null;
        }
        return entrypoint.equals(List.of("")) ? List.of() : entrypoint;
    }

    /**
     * {@code SecurityOpt}: as {@code --security-opt}, except that the docker
     * CLI sends a seccomp profile's JSON itself ({@code seccomp={…}}), not a
     * file name: it reads the file on the client's machine.
     */
    private static CreateRequest security(CreateRequest request, List<String> options) {
        if (options.isEmpty()) {
            return request;
        }
        request = request.with(SecurityOpts.parse(options));
        for (String option : options) {
            if (option.startsWith("seccomp=") || option.startsWith("seccomp:")) {
                String value = option.substring("seccomp=".length());
                request = request.with(value.equals("unconfined") ? SeccompSetting.UNCONFINED
                        : new SeccompSetting(profile(value)));
            }
        }
        return request;
    }

    /** A profile sent as JSON, read by chapter 2's loader (which reads files) through a temporary one. */
    private static jocker.seccomp.DockerProfile profile(String json) {
        try {
            Path file = Files.createTempFile("jockerd-seccomp-", ".json");
            try {
                Files.writeString(file, json);
                return SeccompProfiles.load(file);
            } finally {
                Files.deleteIfExists(file);
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static <T> List<T> orEmpty(List<T> list) {
        return list == null ? new ArrayList<>() : list;
    }
}
