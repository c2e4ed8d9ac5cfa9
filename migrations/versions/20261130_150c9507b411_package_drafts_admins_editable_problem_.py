"""package drafts: admins' editable problem packages as files

Revision ID: 150c9507b411
Revises: 9383cd23c533
Create Date: 2026-11-30 03:38:26.684032
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

import api.db

revision = "150c9507b411"
down_revision = "9383cd23c533"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table(
        "package_drafts",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("slug", sa.String(length=64), nullable=False),
        sa.Column("origin", sa.String(length=16), nullable=False),
        sa.Column("owner_id", sa.Integer(), nullable=True),
        sa.Column("base_version_id", sa.Integer(), nullable=True),
        sa.Column("revision", sa.Integer(), nullable=False),
        sa.Column("created_at", api.db.UTCDateTime(timezone=True), nullable=False),
        sa.Column("updated_at", api.db.UTCDateTime(timezone=True), nullable=False),
        sa.ForeignKeyConstraint(
            ["base_version_id"],
            ["problem_versions.id"],
            name=op.f("fk_package_drafts_base_version_id_problem_versions"),
            ondelete="SET NULL",
        ),
        sa.ForeignKeyConstraint(
            ["owner_id"],
            ["users.id"],
            name=op.f("fk_package_drafts_owner_id_users"),
            ondelete="SET NULL",
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_package_drafts")),
    )
    with op.batch_alter_table("package_drafts", schema=None) as batch_op:
        batch_op.create_index(batch_op.f("ix_package_drafts_owner_id"), ["owner_id"], unique=False)
        batch_op.create_index(batch_op.f("ix_package_drafts_slug"), ["slug"], unique=False)

    op.create_table(
        "package_draft_files",
        sa.Column("draft_id", sa.Integer(), nullable=False),
        sa.Column("path", sa.String(length=128), nullable=False),
        sa.Column("text", sa.Text(), nullable=False),
        sa.ForeignKeyConstraint(
            ["draft_id"],
            ["package_drafts.id"],
            name=op.f("fk_package_draft_files_draft_id_package_drafts"),
            ondelete="CASCADE",
        ),
        sa.PrimaryKeyConstraint("draft_id", "path", name=op.f("pk_package_draft_files")),
    )


def downgrade() -> None:
    op.drop_table("package_draft_files")
    with op.batch_alter_table("package_drafts", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_package_drafts_slug"))
        batch_op.drop_index(batch_op.f("ix_package_drafts_owner_id"))

    op.drop_table("package_drafts")
