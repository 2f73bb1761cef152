package home.connected.deploy;

import com.marcnuri.helm.Helm;
import com.marcnuri.helm.TemplateCommand;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.ConcurrentHashMap;

/** The manifests {@code helm template} renders from helm/connected-home, parsed. */
final class RenderedChart {

    static final String RELEASE = "home";
    static final String COMPONENT_LABEL = "app.kubernetes.io/name";
    static final String ROLE_LABEL = "app.kubernetes.io/component";
    static final Path PRODUCTION_VALUES = Repository.CHART.resolve("values-production.yaml");

    private static final Map<String, RenderedChart> CACHE = new ConcurrentHashMap<>();

    private final List<Map<String, Object>> manifests;

    private RenderedChart(List<Map<String, Object>> manifests) {
        this.manifests = manifests;
    }

    /** Default values; the Secret as an ordinary resource so that it is rendered. */
    static RenderedChart withDefaults() {
        return render(null, Map.of());
    }

    static RenderedChart withProductionValues() {
        return render(PRODUCTION_VALUES, Map.of());
    }

    static RenderedChart render(Path valuesFile, Map<String, String> settings) {
        String key = valuesFile + " " + new java.util.TreeMap<>(settings);
        return CACHE.computeIfAbsent(key, k -> {
            TemplateCommand template = new Helm(Repository.CHART).template().withName(RELEASE);
            if (valuesFile != null) {
                template.withValuesFile(valuesFile);
            }
            // helm template leaves hooks out; the Secret is a pre-install hook by default.
            template.set("secrets.createBeforeInstall", "false");
            settings.forEach(template::set);
            return new RenderedChart(Yaml.loadAll(template.call()));
        });
    }

    List<Map<String, Object>> all() {
        return manifests;
    }

    List<Map<String, Object>> ofKind(String kind) {
        return manifests.stream().filter(m -> kind.equals(m.get("kind"))).toList();
    }

    Map<String, Object> named(String kind, String name) {
        return ofKind(kind).stream()
                .filter(m -> name.equals(Yaml.string(m, "metadata.name")))
                .findFirst()
                .orElseThrow(() -> new AssertionError("no " + kind + " named " + name + " rendered"));
    }

    /**
     * Deployments, StatefulSets and CronJobs; a CronJob as its pod template under {@code spec.template},
     * where the others have theirs, so that every pod's checks read the same paths.
     */
    List<Map<String, Object>> workloads() {
        List<Map<String, Object>> workloads = new ArrayList<>(ofKind("Deployment"));
        workloads.addAll(ofKind("StatefulSet"));
        for (Map<String, Object> cronJob : ofKind("CronJob")) {
            workloads.add(Map.of(
                    "kind", "CronJob",
                    "metadata", cronJob.get("metadata"),
                    "spec", Map.of("template", Yaml.map(cronJob, "spec.jobTemplate.spec.template"))));
        }
        return workloads;
    }

    /** The workloads (Deployment or StatefulSet) of the service modules. */
    List<Map<String, Object>> serviceWorkloads() {
        return workloadsOfRole("service");
    }

    /** The StatefulSets of MariaDB, Mosquitto and InfluxDB. */
    List<Map<String, Object>> datastoreWorkloads() {
        return workloadsOfRole("datastore");
    }

    /** The workload of a service module, by its name label. */
    Map<String, Object> workloadOf(String module) {
        return serviceWorkloads().stream()
                .filter(w -> module.equals(component(w)))
                .findFirst()
                .orElseThrow(() -> new AssertionError("no workload for " + module + " rendered"));
    }

    Set<String> deployedModules() {
        Set<String> modules = new TreeSet<>();
        serviceWorkloads().forEach(w -> modules.add(component(w)));
        return modules;
    }

    private List<Map<String, Object>> workloadsOfRole(String role) {
        return workloads().stream()
                .filter(w -> role.equals(Yaml.string(w, "spec.template.metadata.labels." + ROLE_LABEL)))
                .toList();
    }

    static String component(Map<String, Object> workload) {
        return Yaml.string(workload, "spec.template.metadata.labels." + COMPONENT_LABEL);
    }

    static Map<String, Object> mainContainer(Map<String, Object> workload) {
        return Yaml.maps(workload, "spec.template.spec.containers").get(0);
    }

    /** Every variable a container gets: ConfigMaps it takes whole (envFrom) and its env entries. */
    Map<String, Object> environmentOf(Map<String, Object> container) {
        Map<String, Object> environment = new LinkedHashMap<>();
        for (Map<String, Object> source : Yaml.maps(container, "envFrom")) {
            String configMap = Yaml.string(source, "configMapRef.name");
            if (configMap != null) {
                environment.putAll(Yaml.map(named("ConfigMap", configMap), "data"));
            }
        }
        for (Map<String, Object> entry : Yaml.maps(container, "env")) {
            Object value = entry.containsKey("valueFrom") ? entry.get("valueFrom") : entry.get("value");
            environment.put((String) entry.get("name"), value);
        }
        return environment;
    }

    /** The Service port number behind a port name of a component's Service. */
    Map<Integer, String> servicePortNames(String component) {
        Map<Integer, String> names = new LinkedHashMap<>();
        ofKind("Service").stream()
                .filter(s -> component.equals(Yaml.string(s, "spec.selector." + COMPONENT_LABEL)))
                .flatMap(s -> Yaml.maps(s, "spec.ports").stream())
                .forEach(p -> names.put(Integer.valueOf(p.get("port").toString()), (String) p.get("name")));
        return names;
    }
}
