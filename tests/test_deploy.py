"""deploy/: the Zero to JupyterHub values and the notes for Z2JH and The Littlest JupyterHub.

No cluster, Docker or server is used: these tests read the files. Every key ``values.yaml`` sets
must be one the JupyterHub Helm chart's schema documents, for the chart version pinned below.

The key list was read from the chart's schema (``jupyterhub/schema.yaml``, which the chart
packages as ``values.schema.json``) for chart 4.2.0: from the ``values.schema.json`` of the 4.2.0
chart as vendored in shreysatpathy/microPlat (``charts/jupyterhub/values.schema.json`` at commit
96ab3215a87da80cc5fb466b9a31327296b5a7a0, beside a ``Chart.yaml`` that pins jupyterhub 4.2.0;
it has the 4.1 additions ``prePuller.hook.serviceAccountImagePuller`` and
``scheduling.userPlaceholder.extraPodSpec``). The stored copies of upstream
jupyterhub/zero-to-jupyterhub-k8s ``jupyterhub/schema.yaml`` reachable from here were older
(0.x: no ``cull`` entry, ``cpu`` limits as strings), so they were not used. Only the parts a
class deployment may touch are recorded: the hub's and the proxy's top-level keys, ``singleuser``
in full, ``cull``, ``prePuller`` and ``scheduling`` in part. Below a key of ``OPEN`` the schema
allows any key (Kubernetes objects, JupyterHub's own configuration), so the walk stops there.
"""

from __future__ import annotations

import re
from pathlib import Path

import pytest
import yaml

ROOT = Path(__file__).resolve().parent.parent
VALUES = ROOT / "deploy" / "z2jh" / "values.yaml"
Z2JH_README = ROOT / "deploy" / "z2jh" / "README.md"
TLJH_README = ROOT / "deploy" / "tljh" / "README.md"

CHART_VERSION = "4.2.0"
SCHEMA = ("jupyterhub chart 4.2.0 values.schema.json (from jupyterhub/schema.yaml), read at "
          "shreysatpathy/microPlat@96ab3215a87da80cc5fb466b9a31327296b5a7a0 "
          "charts/jupyterhub/values.schema.json")
MEASURED_MB = 262  # RSS per learner: single-user server plus one kernel (another team's figure)


def _paths(prefix: str, names: str) -> set[str]:
    return {f"{prefix}.{n}" if prefix else n for n in names.split()}


DOCUMENTED: set[str] = (
    _paths("", "enabled fullnameOverride nameOverride imagePullSecret imagePullSecrets hub proxy "
               "singleuser scheduling ingress prePuller custom cull debug rbac global")
    | _paths("hub", "revisionHistoryLimit config extraFiles baseUrl command args cookieSecret "
                    "image networkPolicy db labels initContainers extraEnv extraConfig fsGid "
                    "service pdb existingSecret nodeSelector tolerations activeServerLimit "
                    "allowNamedServers annotations authenticatePrometheus concurrentSpawnLimit "
                    "consecutiveFailureLimit podSecurityContext containerSecurityContext "
                    "deploymentStrategy extraContainers extraVolumeMounts extraVolumes "
                    "livenessProbe readinessProbe namedServerLimitPerUser redirectToServer "
                    "resources lifecycle services loadRoles shutdownOnLogout templatePaths "
                    "templateVars serviceAccount extraPodSpec")
    | _paths("hub.image", "name tag pullPolicy pullSecrets")
    | _paths("hub.db", "type pvc upgrade url password")
    | _paths("proxy", "chp secretToken service https traefik labels annotations "
                      "deploymentStrategy secretSync")
    | _paths("proxy.service", "type labels annotations nodePorts disableHttpPort extraPorts "
                              "loadBalancerIP loadBalancerSourceRanges")
    | _paths("proxy.https", "enabled type letsencrypt manual secret hosts")
    | _paths("proxy.https.letsencrypt", "contactEmail acmeServer")
    | _paths("singleuser", "networkPolicy podNameTemplate cpu memory image initContainers "
                           "profileList extraFiles extraEnv nodeSelector extraTolerations "
                           "extraNodeAffinity extraPodAffinity extraPodAntiAffinity "
                           "cloudMetadata cmd defaultUrl events extraAnnotations "
                           "extraContainers extraLabels extraPodConfig extraResource fsGid "
                           "lifecycleHooks networkTools serviceAccountName startTimeout storage "
                           "allowPrivilegeEscalation uid")
    | _paths("singleuser.cpu", "limit guarantee")
    | _paths("singleuser.memory", "limit guarantee")
    | _paths("singleuser.image", "name tag pullPolicy pullSecrets")
    | _paths("singleuser.lifecycleHooks", "postStart preStop")
    | _paths("singleuser.storage", "capacity dynamic extraLabels extraVolumeMounts extraVolumes "
                                   "homeMountPath static type")
    | _paths("singleuser.storage.dynamic", "pvcNameTemplate storageAccessModes storageClass "
                                           "subPath volumeNameTemplate")
    | _paths("singleuser.storage.static", "pvcName subPath")
    | _paths("cull", "enabled users adminUsers removeNamedServers timeout every concurrency "
                     "maxAge")
    | _paths("prePuller", "revisionHistoryLimit labels annotations resources extraTolerations "
                          "hook continuous pullProfileListImages extraImages "
                          "containerSecurityContext pause")
    | _paths("prePuller.hook", "enabled pullOnlyOnChanges podSchedulingWaitDuration nodeSelector "
                               "tolerations containerSecurityContext image resources "
                               "serviceAccount serviceAccountImagePuller")
    | _paths("prePuller.continuous", "enabled serviceAccount")
    | _paths("scheduling", "userScheduler podPriority userPlaceholder corePods userPods")
    | _paths("scheduling.userScheduler", "enabled replicas")
    | _paths("scheduling.podPriority", "enabled globalDefault defaultPriority "
                                       "imagePullerPriority userPlaceholderPriority")
    | _paths("scheduling.userPlaceholder", "enabled replicas resources")
    | _paths("debug", "enabled")
)
# The schema leaves what is below these open ("additionalProperties": true, or a free map).
OPEN: set[str] = {
    "custom", "global", "hub.config", "hub.extraConfig", "hub.extraEnv", "hub.services",
    "hub.loadRoles", "hub.resources", "hub.nodeSelector", "hub.extraPodSpec",
    "singleuser.extraEnv", "singleuser.extraPodConfig", "singleuser.nodeSelector",
    "singleuser.extraLabels", "singleuser.extraAnnotations", "singleuser.storage.extraLabels",
    "singleuser.lifecycleHooks.postStart", "singleuser.lifecycleHooks.preStop",
    "scheduling.userPlaceholder.resources", "prePuller.resources",
}
# Types the schema gives for the values this deployment depends on.
TYPES = {
    "singleuser.cpu.limit": (int, float), "singleuser.cpu.guarantee": (int, float),
    "singleuser.memory.limit": (str, int, float), "singleuser.memory.guarantee": (str, int, float),
    "singleuser.image.name": str, "singleuser.image.tag": str, "singleuser.defaultUrl": str,
    "singleuser.startTimeout": int, "singleuser.storage.capacity": str,
    "cull.enabled": bool, "cull.timeout": int, "cull.every": int, "cull.maxAge": int,
    "cull.users": bool,
}
QUANTITY = re.compile(r"^(\d+(?:\.\d+)?)([KMGT]i?)?$")
BYTES = {None: 1, "K": 1e3, "M": 1e6, "G": 1e9, "T": 1e12,
         "Ki": 2**10, "Mi": 2**20, "Gi": 2**30, "Ti": 2**40}


def _walk(tree: dict, prefix: str = ""):
    """Every key path of a values tree, stopping below an OPEN key and at lists."""
    for key, value in tree.items():
        path = f"{prefix}.{key}" if prefix else str(key)
        yield path
        if isinstance(value, dict) and path not in OPEN:
            yield from _walk(value, path)


def _get(tree: dict, path: str):
    for part in path.split("."):
        tree = tree[part]
    return tree


def _bytes(quantity) -> float:
    found = QUANTITY.match(str(quantity))
    assert found, f"{quantity!r} is not a Kubernetes memory quantity"
    return float(found.group(1)) * BYTES[found.group(2)]


@pytest.fixture(scope="module")
def values() -> dict:
    tree = yaml.safe_load(VALUES.read_text(encoding="utf-8"))
    assert isinstance(tree, dict)
    return tree


def test_the_walk_checks_what_it_should():
    tree = {"singleuser": {"cpu": {"limit": 1}, "extraEnv": {"ANY": {"valueFrom": {}}},
                           "storage": {"extraVolumes": [{"name": "x"}]}},
            "cull": {"timeout": 1}}
    assert list(_walk(tree)) == ["singleuser", "singleuser.cpu", "singleuser.cpu.limit",
                                 "singleuser.extraEnv", "singleuser.storage",
                                 "singleuser.storage.extraVolumes", "cull", "cull.timeout"]
    assert "singleuser.cpu.limt" not in DOCUMENTED  # a misspelt key would be caught
    assert OPEN <= DOCUMENTED | {"custom", "global"}


def test_every_key_of_the_values_is_documented_by_the_chart_schema(values):
    unknown = [p for p in _walk(values) if p not in DOCUMENTED]
    assert unknown == [], (f"keys the jupyterhub chart {CHART_VERSION} schema does not document "
                           f"({SCHEMA}): {unknown}")


def test_values_have_the_types_the_schema_gives(values):
    for path, kind in TYPES.items():
        value = _get(values, path)
        assert isinstance(value, kind) and (kind is bool or not isinstance(value, bool)), (
            f"{path}: {value!r} is not {kind}")


def test_the_values_name_the_image_cull_and_size_each_learner(values):
    image = values["singleuser"]["image"]
    assert image["name"].strip() and "/" in image["name"] and str(image["tag"]).strip()
    cull = values["cull"]
    assert cull["enabled"] is True and 0 < cull["every"] < cull["timeout"] <= 4 * 3600
    cpu, memory = values["singleuser"]["cpu"], values["singleuser"]["memory"]
    assert 0 < cpu["guarantee"] < cpu["limit"] <= 2
    guarantee, limit = _bytes(memory["guarantee"]), _bytes(memory["limit"])
    assert MEASURED_MB * 1e6 <= guarantee < limit  # at least what a learner was measured using
    assert limit >= 3 * MEASURED_MB * 1e6  # room for a second and third notebook's kernel


def test_the_values_pull_the_tag_the_image_was_built_from(values):
    tag = str(values["singleuser"]["image"]["tag"])
    hook = " ".join(values["singleuser"]["lifecycleHooks"]["postStart"]["exec"]["command"])
    assert "gitpuller" in hook and f" {tag} " in hook
    assert values["singleuser"]["defaultUrl"].endswith("notebooks/00_start_here.ipynb")


def test_the_values_comments_say_how_the_image_is_built_and_where_the_numbers_come_from():
    text = VALUES.read_text(encoding="utf-8")
    comments = " ".join(line.strip().lstrip("#").strip() for line in text.splitlines()
                        if line.lstrip().startswith("#"))  # one line: sentences wrap
    assert "repo2docker" in comments and "environment.yml" in comments
    assert "needs Docker" in comments and "not built here" in comments
    assert f"jupyterhub {CHART_VERSION}" in comments
    assert f"{MEASURED_MB} MB" in comments and "301 ms" in comments
    assert "benchmarks/classroom.json" in comments
    assert "progress panel" in comments and "progress file" in comments  # collecting records


def test_the_z2jh_readme_pins_the_chart_and_gives_the_link_and_the_records():
    text = Z2JH_README.read_text(encoding="utf-8")
    assert f"--version {CHART_VERSION}" in text and "helm upgrade" in text
    assert "repo2docker" in text and "needs Docker" in text and "not built" in text
    assert "/hub/user-redirect/git-pull?repo=" in text and "branch=v" in text
    assert "Export to CSV" in text and "progress.json" in text
    assert "python -m skinlab class-report" in text
    assert "benchmarks/classroom.json" in text and f"{MEASURED_MB} MB" in text
    assert "Not tried" in text


def test_the_tljh_readme_installs_sizes_and_links():
    text = TLJH_README.read_text(encoding="utf-8")
    assert "bootstrap.py" in text and "tljh-config set services.cull.timeout" in text
    assert "tljh-config set limits.memory" in text and "tljh-config reload" in text
    assert "/hub/user-redirect/git-pull?repo=" in text
    assert f"{MEASURED_MB} MB" in text and "benchmarks/classroom.json" in text
    assert "python -m skinlab class-report" in text
    assert "Not run here" in text


def test_the_links_use_the_release_tag_and_open_notebook_00():
    for path in (Z2JH_README, TLJH_README):
        link = re.search(r"https://HUB/hub/user-redirect/git-pull\?\S+", path.read_text())
        assert link, path
        query = link.group(0)
        assert "branch=v2027.1" in query and "targetpath=skinlab" in query
        assert query.endswith("urlpath=lab/tree/skinlab/notebooks/00_start_here.ipynb")
        assert (ROOT / "notebooks" / "00_start_here.ipynb").exists()
