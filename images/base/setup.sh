#!/bin/sh
# Runs inside the fresh Debian root filesystem (chroot) and gives it the conventions of
# registry.access.redhat.com/ubi9/openjdk-17-runtime that the Tasks rely on: user jboss (UID 185, group 0), a
# group-0-writable home /home/jboss (OpenShift's random UID runs in group 0), /deployments likewise.
# Part of the base's cache key.
set -eu
useradd --uid 185 --gid 0 --home-dir /home/jboss --create-home --shell /sbin/nologin --comment "JBoss user" jboss
mkdir -p /deployments
chown 185:0 /home/jboss /deployments
chmod 0775 /home/jboss /deployments
# an image, not a system: no package caches, docs, man pages or logs
apt-get clean
rm -rf /var/lib/apt/lists/* /var/cache/apt/* /var/cache/debconf/*-old /var/log/* /usr/share/doc/* \
  /usr/share/man/* /usr/share/info/* /usr/share/locale/* /tmp/* /var/tmp/*
# the JRE's own class-data-sharing archive, as the JDK ships it (Debian's package does not generate it)
java -Xshare:dump >/dev/null 2>&1 || true
